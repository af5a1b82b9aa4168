using System.Collections.Concurrent;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Work on many nodes at once, at most <c>parallelism</c> at a time, where a node's failure is that node's: it is
/// collected as a <see cref="NodeFailure"/> (a <see cref="NodeStepException"/> keeps its step and log lines, any other
/// provider failure is the node's "provision" step) and the other nodes go on. Only the cancellation of the run itself
/// ends the loop. DeployEnvironment and Deliver both apply their plans through it.
/// </summary>
internal static class NodeWork
{
    public static ParallelOptions Bounded(int parallelism, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };

    public static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, string> hostname, Func<T, CancellationToken, Task> work,
        int parallelism, ConcurrentBag<NodeFailure> failures, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(log);
        return Parallel.ForEachAsync(items, Bounded(parallelism, cancellationToken), async (item, token) =>
        {
            try
            {
                await work(item, token).ConfigureAwait(false);
            }
            catch (NodeStepException exception)
            {
                failures.Add(new NodeFailure(exception.Hostname, exception.Step, exception.Problem, exception.LogLines));
                log($"[{exception.Hostname}] FAILED at {exception.Step}: {exception.Problem}");
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                // Any provider failure (LXC tools, Proxmox API or task, network) is this node's failure, never the run's crash.
                failures.Add(new NodeFailure(hostname(item), "provision", exception.Message, []));
                log($"[{hostname(item)}] FAILED: {exception.Message}");
            }
        });
    }

    /// <summary>The run itself was cancelled (Ctrl-C, build timeout): not a node failure.</summary>
    public static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
