using CamBuild.Common;
using System.Diagnostics;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;

namespace CamBuild.Qualification.Tests;

/// <summary>
/// TEST DOUBLE of <see cref="INodeProvider"/>: "nodes" are this host; <see cref="ExecAsync"/> runs the argv as a real
/// local process (no shell), bounded by its timeout. It exercises the in-node path of the suite runner (staging, the
/// in-node timeout wrapper, reading JUnit back with cat) without containers; the real providers are tested in their
/// own projects. Lifecycle calls only record themselves.
/// </summary>
internal sealed class LocalProcessNodeProviderTestDouble : INodeProvider
{
    public List<(string Node, IReadOnlyList<string> Command)> Executed { get; } = [];

    public string Name => "local-process-test-double";

    public Task<IReadOnlyList<ObservedNode>> ListNodesAsync(EnvironmentSpec environment, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ObservedNode>>(environment.Nodes
            .Select(node => new ObservedNode(node.Hostname, "", "", true, "local:" + node.Hostname)).ToList());

    public Task PrepareAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CreateNodeAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<CommandResult> ExecAsync(EnvironmentSpec environment, NodeSpec node, IReadOnlyList<string> command,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (Executed)
        {
            Executed.Add((node.Hostname, command));
        }
        var startInfo = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{command[0]}' in {node.Hostname} did not finish within {timeout.TotalSeconds} s");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    public Task DestroyNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken) => Task.CompletedTask;
}
