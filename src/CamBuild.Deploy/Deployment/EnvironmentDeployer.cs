using System.Collections.Concurrent;
using System.Diagnostics;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// DeployEnvironment: plan (desired vs actual), print the plan, apply it in parallel with a bounded degree,
/// wait for each new node's systemd to finish booting, specialise (site files, role units), check health on every node, fingerprint and record state. Failed runs roll back the nodes they
/// created (unless <see cref="DeployOptions.KeepFailed"/>) and leave the previous state record untouched.
/// </summary>
public sealed class EnvironmentDeployer(INodeProvider provider, RoleCatalog catalog, DeployOptions options, Action<string>? log = null)
{
    private readonly EnvironmentSession session = new(provider, catalog, new SessionPolicy(options.StateDirectory, options.MaxParallelism,
        options.EffectiveCommandTimeout, options.EffectiveHealthTimeout, options.EffectiveBootTimeout), log);

    public async Task<DeployPlan> PlanAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken) =>
        (await session.PlanAsync(environment, candidate, cancellationToken).ConfigureAwait(false)).Plan;

    public async Task<DeployResult> DeployAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(candidate);
        var clock = Stopwatch.StartNew();
        using var held = session.Lock(environment.Name);
        var planned = await session.PlanAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
        var (plan, previous) = (planned.Plan, planned.Previous);
        Log(EnvironmentSession.Render(plan));
        if (plan.UpToDate && !options.PlanOnly)
        {
            plan = await CheckUpToDateAsync(environment, plan, cancellationToken).ConfigureAwait(false);
        }
        if (options.PlanOnly || plan.UpToDate)
        {
            Log(options.PlanOnly ? "Plan only: nothing was changed." : "Environment is up to date and healthy; nothing was changed.");
            return new DeployResult(plan, Applied: false, previous, clock.Elapsed);
        }

        await provider.PrepareAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
        Log($"prepared {provider.Name} network and template ({clock.Elapsed.TotalSeconds:0.00} s)");
        foreach (var node in plan.With(NodeAction.Destroy))
        {
            await provider.DestroyNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
            Log($"[{node.Hostname}] destroyed ({node.Reason})");
        }

        var created = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<NodeFailure>();
        var changed = plan.Nodes.Where(node => node.Action is NodeAction.Create or NodeAction.Replace).ToList();
        var specialised = 0;
        await ForEachNodeAsync(changed, async (node, token) =>
        {
            var step = Stopwatch.StartNew();
            if (node.Action == NodeAction.Replace)
            {
                await provider.DestroyNodeAsync(environment, node.Hostname, token).ConfigureAwait(false);
            }
            created.Add(node.Hostname);
            await Step(node.Hostname, "create", () => provider.CreateNodeAsync(environment, node.Desired!, candidate, node.NodeDigest!, token))
                .ConfigureAwait(false);
            var booted = await session.WaitBootedAsync(environment, node.Desired!, token).ConfigureAwait(false);
            if (booted.Degraded)
            {
                Log($"[{node.Hostname}] WARNING: boot finished degraded; failed units: {string.Join(", ", booted.FailedUnits)}");
            }
            if (!booted.Systemd)
            {
                Log($"[{node.Hostname}] WARNING: the node has no systemd of its own; role services are started detached " +
                    "(not restarted when they die, not started again after a reboot)");
            }
            await session.WriteSiteFilesAsync(environment, node.Desired!, candidate.Id.Value, token).ConfigureAwait(false);
            await session.StartServicesAsync(environment, node.Desired!, booted.Systemd, token).ConfigureAwait(false);
            Log($"[{node.Hostname}] {node.Action.ToString().ToLowerInvariant()}d and specialised ({step.Elapsed.TotalSeconds:0.00} s)");
            options.Progress?.Invoke(Interlocked.Increment(ref specialised), changed.Count, $"{node.Hostname} specialised");
        }, failures, cancellationToken).ConfigureAwait(false);

        if (failures.IsEmpty)
        {
            await session.RefreshKeptSiteFilesAsync(environment, plan, candidate.Id.Value, previous, failures, cancellationToken).ConfigureAwait(false);
        }
        if (failures.IsEmpty)
        {
            var checkedNodes = plan.Nodes.Where(node => node.Desired is not null).ToList();
            var healthy = 0;
            await ForEachNodeAsync(checkedNodes, async (node, token) =>
            {
                await session.WaitHealthyAsync(environment, node.Desired!, token).ConfigureAwait(false);
                Log($"[{node.Hostname}] healthy ({clock.Elapsed.TotalSeconds:0.00} s)");
                options.Progress?.Invoke(Interlocked.Increment(ref healthy), checkedNodes.Count, $"{node.Hostname} healthy");
            }, failures, cancellationToken).ConfigureAwait(false);
        }
        if (!failures.IsEmpty)
        {
            var aftermath = await RollBackAsync(environment, created.ToList(), previous, cancellationToken).ConfigureAwait(false);
            throw new DeployFailedException(environment.Name, failures.OrderBy(failure => failure.Hostname, StringComparer.Ordinal).ToList(), aftermath);
        }

        var state = await session.RecordAsync(environment, candidate.Id.Value, plan, cancellationToken).ConfigureAwait(false);
        Log($"environment '{environment.Name}' deployed and healthy in {clock.Elapsed.TotalSeconds:0.00} s");
        return new DeployResult(plan, Applied: true, state, clock.Elapsed);
    }

    /// <summary>
    /// An up-to-date environment is only up to date when its services answer: every node is health-checked, and a node
    /// that fails is planned for replacement (nodes are immutable), so a dead service is noticed and repaired.
    /// </summary>
    private async Task<DeployPlan> CheckUpToDateAsync(EnvironmentSpec environment, DeployPlan plan, CancellationToken cancellationToken)
    {
        var unhealthy = new ConcurrentBag<NodeFailure>();
        await ForEachNodeAsync(plan.Nodes.Where(node => node.Desired is not null).ToList(),
            (node, token) => session.WaitHealthyAsync(environment, node.Desired!, token), unhealthy, cancellationToken).ConfigureAwait(false);
        if (unhealthy.IsEmpty)
        {
            return plan;
        }
        var reasons = unhealthy.GroupBy(failure => failure.Hostname, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var nodes = plan.Nodes.Select(node => reasons.TryGetValue(node.Hostname, out var failure)
            ? node with { Action = NodeAction.Replace, Reason = $"health check failed ({failure.Step}: {failure.Problem})" }
            : node).ToList();
        Log($"{reasons.Count} node(s) of the up-to-date environment are unhealthy; replacing them");
        var amended = plan with { Nodes = nodes, UpToDate = false };
        Log(EnvironmentSession.Render(amended));
        return amended;
    }

    /// <summary>Removes every node of the environment, the provider's network and the state record.</summary>
    public async Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var held = session.Lock(environment.Name);
        var observed = await provider.ListNodesAsync(environment, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(observed, Limit(cancellationToken),
            async (node, token) => await provider.DestroyNodeAsync(environment, node.Hostname, token).ConfigureAwait(false)).ConfigureAwait(false);
        await provider.TeardownAsync(environment, cancellationToken).ConfigureAwait(false);
        session.Store.Delete(environment.Name);
        Log($"environment '{environment.Name}' torn down ({observed.Count} node(s) removed)");
    }

    private async Task<string> RollBackAsync(EnvironmentSpec environment, IReadOnlyList<string> created, EnvironmentState? previous,
        CancellationToken cancellationToken)
    {
        if (options.KeepFailed)
        {
            return $"kept the {created.Count} node(s) this run created for inspection (--keep-failed)";
        }
        // Roll back is best effort per node: one node that cannot be removed must not keep the others.
        var stuck = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(created, Limit(cancellationToken), async (hostname, token) =>
        {
            try
            {
                await provider.DestroyNodeAsync(environment, hostname, token).ConfigureAwait(false);
            }
            catch (Exception exception) when (!NodeWork.IsCancellation(exception, cancellationToken))
            {
                stuck.Add($"{hostname} ({exception.Message})");
                Log($"[{hostname}] could not be rolled back: {exception.Message}");
            }
        }).ConfigureAwait(false);
        try
        {
            var remaining = await provider.ListNodesAsync(environment, cancellationToken).ConfigureAwait(false);
            if (previous is null && remaining.Count == 0)
            {
                await provider.TeardownAsync(environment, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!NodeWork.IsCancellation(exception, cancellationToken))
        {
            stuck.Add($"the provider's cleanup ({exception.Message})");
        }
        return stuck.IsEmpty
            ? $"rolled back the {created.Count} node(s) this run created; the previous state record was left as it was"
            : $"rolled back the node(s) this run created except {string.Join("; ", stuck.Order(StringComparer.Ordinal))}: " +
              "run the deploy again (it removes them) or Teardown; the previous state record was left as it was";
    }

    private Task ForEachNodeAsync(IReadOnlyList<PlannedNode> nodes, Func<PlannedNode, CancellationToken, Task> work,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken) =>
        session.ForEachAsync(nodes, work, failures, cancellationToken);

    private static async Task Step(string hostname, string step, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not NodeStepException)
        {
            var lines = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new NodeStepException(hostname, step, lines.FirstOrDefault() ?? exception.GetType().Name, lines.Skip(1).TakeLast(20).ToList());
        }
    }

    private ParallelOptions Limit(CancellationToken cancellationToken) => session.Bounded(cancellationToken);

    private void Log(string message) => log?.Invoke(message);
}
