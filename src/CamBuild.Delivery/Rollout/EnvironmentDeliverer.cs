using System.Collections.Concurrent;
using System.Diagnostics;
using CamBuild.Delivery.Config;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;

namespace CamBuild.Delivery.Rollout;

/// <summary>
/// Deliver onto a long-lived environment: recover from a killed run, plan (create / replace / keep / destroy, the same
/// planner as DeployEnvironment), then replace the changed nodes by swap in health-gated batches. A failed batch rolls
/// every node this run replaced back to its previous container. Old containers are kept until the whole rollout is
/// healthy; then all but <see cref="RolloutSettings.KeepPrevious"/> per node are removed.
/// </summary>
public sealed class EnvironmentDeliverer(INodeSwapProvider provider, RoleCatalog catalog, DeliveryOptions options, Action<string>? log = null)
{
    private readonly EnvironmentSession session = new(provider, catalog, new SessionPolicy(options.StateDirectory, options.MaxParallelism,
        options.EffectiveCommandTimeout, HealthTimeout: TimeSpan.FromSeconds(60), BootTimeout: TimeSpan.FromSeconds(90)), log);

    public async Task<DeliveryResult> DeliverAsync(EnvironmentSpec environment, CandidateRef candidate, RolloutSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        using var held = options.LockHeld ? null : session.Lock(environment.Name, $"delivering to '{environment.Name}'");
        var swapper = new NodeSwapper(provider, session.WithHealthTimeout(settings.HealthTimeout));
        await RecoverAsync(environment, swapper, cancellationToken).ConfigureAwait(false);

        var planned = await session.PlanAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
        var (plan, digests, observed) = (planned.Plan, planned.Digests, planned.Observed);
        Log(EnvironmentSession.Render(plan));
        var restore = await IsRestoreAsync(environment, plan, cancellationToken).ConfigureAwait(false);
        var batches = RolloutPlanner.Plan(plan, environment.Nodes.Count, catalog, settings, restore);
        if (plan.UpToDate)
        {
            await PruneStandbyAsync(environment, digests, settings.KeepPrevious, cancellationToken).ConfigureAwait(false);
            Log("Environment already runs this release; nothing was changed.");
            return new DeliveryResult(plan, batches, [], Applied: false, clock.Elapsed);
        }

        await provider.PrepareAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
        Log($"rollout: {batches.Count} batch(es) of at most {settings.MaxUnavailable.BatchSize(environment.Nodes.Count)} node(s) " +
            $"(max_unavailable {settings.MaxUnavailable}), health timeout {DurationValue.Format(settings.HealthTimeout)}" +
            (restore ? "; a restore from kept containers: dependency stages start in order inside a batch and are health-checked together" : ""));
        var journal = new RolloutJournal(environment.Name, candidate.Id.Value, plan.ConfigHash, DateTimeOffset.UtcNow, Environment.ProcessId, []);
        journal.Save(options.StateDirectory);
        var observedDigest = observed.ToDictionary(node => node.Hostname, node => node.NodeDigest, StringComparer.Ordinal);
        var changedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        Stopwatch? sinceFirstStop = null;
        foreach (var batch in batches)
        {
            var step = Stopwatch.StartNew();
            await PrepareStandbyAsync(environment, batch, candidate, cancellationToken).ConfigureAwait(false);
            var entries = batch.Nodes.Select(node => new JournalEntry(node.Hostname,
                node.Action == NodeAction.Replace ? observedDigest[node.Hostname] : null, node.NodeDigest!, SwapPhase.Swapping)).ToList();
            journal = journal.With(entries);
            journal.Save(options.StateDirectory);

            var failures = new ConcurrentBag<NodeFailure>();
            sinceFirstStop ??= Stopwatch.StartNew();
            await ApplyAsync(environment, batch, candidate, swapper, step, failures, cancellationToken).ConfigureAwait(false);

            if (!failures.IsEmpty)
            {
                var rolledBack = await RollBackAsync(environment, journal, swapper, cancellationToken).ConfigureAwait(false);
                throw new DeliveryFailedException(environment.Name, batch.Number,
                    failures.OrderBy(failure => failure.Hostname, StringComparer.Ordinal).ToList(),
                    $"rolled {rolledBack.Count} replaced node(s) back to their previous containers ({string.Join(", ", rolledBack)}); " +
                    "the environment runs what it ran before", rolledBack);
            }
            journal = journal.With(entries.Select(entry => entry with { Phase = SwapPhase.Swapped }));
            journal.Save(options.StateDirectory);
            foreach (var node in batch.Nodes)
            {
                changedAt[node.Hostname] = DateTimeOffset.UtcNow;
            }
            Log($"batch {batch.Number}/{batches.Count} healthy: {string.Join(", ", batch.Nodes.Select(node => node.Hostname))} ({step.Elapsed.TotalSeconds:0.00} s)");
            if (settings.Pause > TimeSpan.Zero && batch.Number < batches.Count)
            {
                await Task.Delay(settings.Pause, cancellationToken).ConfigureAwait(false);
            }
        }

        Log($"every changed node healthy {sinceFirstStop?.Elapsed.TotalSeconds ?? 0:0.00} s after the first stop; recording the environment");
        await FinishAsync(environment, candidate, plan, digests, settings, changedAt, cancellationToken).ConfigureAwait(false);
        RolloutJournal.Delete(options.StateDirectory, environment.Name);
        Log($"environment '{environment.Name}' delivered and healthy in {clock.Elapsed.TotalSeconds:0.00} s");
        return new DeliveryResult(plan, batches, batches.SelectMany(batch => batch.Nodes.Select(node => node.Hostname)).ToList(), Applied: true, clock.Elapsed);
    }

    /// <summary>
    /// Every wave of the batch is started (stop, swap, start; or create) before the next one, dependencies first; each
    /// started wave then settles (boot, site files, role services, health, verify) while the next one starts. A node
    /// whose start failed is not settled; a wave after a failed start is not started.
    /// </summary>
    private async Task ApplyAsync(EnvironmentSpec environment, RolloutBatch batch, CandidateRef candidate, NodeSwapper swapper, Stopwatch step,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken)
    {
        var settling = new List<Task>();
        foreach (var wave in batch.Waves)
        {
            var started = new ConcurrentBag<PlannedNode>();
            await ForEachAsync(wave, async (node, token) =>
            {
                if (node.Action == NodeAction.Replace)
                {
                    await swapper.ActivateAsync(environment, node.Desired!, node.NodeDigest!, token).ConfigureAwait(false);
                }
                else
                {
                    await swapper.CreateAsync(environment, node.Desired!, candidate, node.NodeDigest!, token).ConfigureAwait(false);
                }
                started.Add(node);
            }, failures, cancellationToken).ConfigureAwait(false);
            settling.Add(ForEachAsync(wave.Where(started.Contains).ToList(), async (node, token) =>
            {
                await swapper.SettleAsync(environment, node.Desired!, candidate.Id.Value, token).ConfigureAwait(false);
                Log($"[{node.Hostname}] {(node.Action == NodeAction.Replace ? "swapped" : "created")} and healthy ({step.Elapsed.TotalSeconds:0.00} s)");
            }, failures, cancellationToken));
            if (!failures.IsEmpty)
            {
                break;
            }
        }
        await Task.WhenAll(settling).ConfigureAwait(false);
    }

    /// <summary>Every changed node goes back to a kept container of this very release (a Rollback onto known-good containers).</summary>
    private async Task<bool> IsRestoreAsync(EnvironmentSpec environment, DeployPlan plan, CancellationToken cancellationToken)
    {
        var changed = plan.Nodes.Where(node => node.Action is NodeAction.Create or NodeAction.Replace).ToList();
        if (changed.Count == 0 || changed.Any(node => node.Action != NodeAction.Replace))
        {
            return false;
        }
        var kept = (await provider.ListStandbyAsync(environment, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Kind == StandbyKind.Kept).Select(s => (s.Hostname, s.NodeDigest)).ToHashSet();
        return changed.All(node => kept.Contains((node.Hostname, node.NodeDigest!)));
    }

    /// <summary>A journal left by a killed run: every node it was swapping gets its previous container back; stale stand-bys go.</summary>
    private async Task RecoverAsync(EnvironmentSpec environment, NodeSwapper swapper, CancellationToken cancellationToken)
    {
        var journal = RolloutJournal.Load(options.StateDirectory, environment.Name);
        if (journal is not null)
        {
            var unfinished = journal.Entries.Where(entry => entry.Phase == SwapPhase.Swapping).ToList();
            Log($"recovering from an interrupted rollout (pid {journal.ProcessId}, started {journal.StartedAt:u}): " +
                $"{unfinished.Count} node(s) were being swapped{(unfinished.Count > 0 ? ": " + string.Join(", ", unfinished.Select(entry => entry.Hostname)) : "")}");
            var failures = new ConcurrentBag<NodeFailure>();
            await ForEachAsync(unfinished, async (entry, token) =>
            {
                await swapper.BackAsync(environment, NodeOf(environment, entry.Hostname), entry, token).ConfigureAwait(false);
                Log($"[{entry.Hostname}] previous container restored and healthy");
            }, failures, entry => entry.Hostname, cancellationToken).ConfigureAwait(false);
            // A node that cannot be restored is planned again below (not running / other digest), so the run still converges.
            RolloutJournal.Delete(options.StateDirectory, environment.Name);
        }
        foreach (var standby in (await provider.ListStandbyAsync(environment, cancellationToken).ConfigureAwait(false)).Where(s => s.Kind == StandbyKind.Next))
        {
            await provider.DestroyStandbyAsync(environment, standby, cancellationToken).ConfigureAwait(false);
            Log($"[{standby.Hostname}] removed stand-by {standby.ProviderId} left by an interrupted run");
        }
    }

    private async Task PrepareStandbyAsync(EnvironmentSpec environment, RolloutBatch batch, CandidateRef candidate, CancellationToken cancellationToken)
    {
        var standby = await provider.ListStandbyAsync(environment, cancellationToken).ConfigureAwait(false);
        var kept = standby.Where(s => s.Kind == StandbyKind.Kept).Select(s => (s.Hostname, s.NodeDigest)).ToHashSet();
        await Parallel.ForEachAsync(batch.Nodes.Where(node => node.Action == NodeAction.Replace), Limit(cancellationToken), async (node, token) =>
        {
            if (kept.Contains((node.Hostname, node.NodeDigest!)))
            {
                Log($"[{node.Hostname}] reusing the kept container of this release");
                return;
            }
            await provider.CreateStandbyAsync(environment, node.Desired!, candidate, node.NodeDigest!, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> RollBackAsync(EnvironmentSpec environment, RolloutJournal journal, NodeSwapper swapper,
        CancellationToken cancellationToken)
    {
        var entries = journal.Entries.ToList();
        var failures = new ConcurrentBag<NodeFailure>();
        await ForEachAsync(entries, async (entry, token) =>
        {
            await swapper.BackAsync(environment, NodeOf(environment, entry.Hostname), entry, token).ConfigureAwait(false);
            Log($"[{entry.Hostname}] rolled back to its previous container and healthy");
        }, failures, entry => entry.Hostname, CancellationToken.None).ConfigureAwait(false);
        if (!failures.IsEmpty)
        {
            // Keep the journal: the next Deliver or Rollback retries the restore of these nodes first.
            journal.With(failures.Select(failure => entries.First(entry => entry.Hostname == failure.Hostname))).Save(options.StateDirectory);
            throw new DeliveryFailedException(environment.Name, 0, failures.ToList(),
                "and rolling back failed too: the journal was kept, run Deliver or Rollback again to finish the restore", []);
        }
        RolloutJournal.Delete(options.StateDirectory, environment.Name);
        await PruneStandbyAsync(environment, null, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return entries.Select(entry => entry.Hostname).ToList();
    }

    private async Task FinishAsync(EnvironmentSpec environment, CandidateRef candidate, DeployPlan plan, IReadOnlyDictionary<string, string> digests,
        RolloutSettings settings, Dictionary<string, DateTimeOffset> changedAt, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentBag<NodeFailure>();
        await session.RefreshKeptSiteFilesAsync(environment, plan, candidate.Id.Value, session.Store.Load(environment.Name), failures, cancellationToken)
            .ConfigureAwait(false);
        if (!failures.IsEmpty)
        {
            throw new DeliveryFailedException(environment.Name, 0, failures.OrderBy(failure => failure.Hostname, StringComparer.Ordinal).ToList(),
                "the changed nodes are delivered and healthy, but kept nodes did not take the new site files: run Deliver again", []);
        }
        foreach (var node in plan.With(NodeAction.Destroy))
        {
            await provider.DestroyNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
            Log($"[{node.Hostname}] destroyed ({node.Reason})");
        }
        await session.RecordAsync(environment, candidate.Id.Value, plan, cancellationToken).ConfigureAwait(false);
        var delivered = DeliveredRecord.Load(options.StateDirectory, environment.Name);
        var times = environment.Nodes.ToDictionary(node => node.Hostname,
            node => changedAt.TryGetValue(node.Hostname, out var at) ? at
                : delivered?.NodeChangedAt.GetValueOrDefault(node.Hostname) ?? DateTimeOffset.UtcNow, StringComparer.Ordinal);
        new DeliveredRecord(environment.Name, options.Channel, options.Release, candidate.Id.Value, plan.ConfigHash, DateTimeOffset.UtcNow, times)
            .Save(options.StateDirectory);
        await PruneStandbyAsync(environment, digests, settings.KeepPrevious, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every next stand-by and all but the <paramref name="keep"/> most recent kept ones per node.</summary>
    private async Task PruneStandbyAsync(EnvironmentSpec environment, IReadOnlyDictionary<string, string>? current, int keep,
        CancellationToken cancellationToken)
    {
        var standby = await provider.ListStandbyAsync(environment, cancellationToken).ConfigureAwait(false);
        var doomed = standby.Where(s => s.Kind == StandbyKind.Next || (current is not null && current.GetValueOrDefault(s.Hostname) == s.NodeDigest))
            .Concat(standby.Where(s => s.Kind == StandbyKind.Kept && (current is null || current.GetValueOrDefault(s.Hostname) != s.NodeDigest))
                .GroupBy(s => s.Hostname)
                .SelectMany(group => group.OrderByDescending(s => s.KeptAt ?? DateTimeOffset.MinValue).Skip(keep)))
            .Distinct().ToList();
        await Parallel.ForEachAsync(doomed, Limit(cancellationToken), async (s, token) =>
            await provider.DestroyStandbyAsync(environment, s, token).ConfigureAwait(false)).ConfigureAwait(false);
        if (doomed.Count > 0)
        {
            Log($"removed {doomed.Count} stand-by container(s); kept at most {keep} earlier release(s) per node");
        }
    }

    private static NodeSpec NodeOf(EnvironmentSpec environment, string hostname) =>
        environment.Nodes.FirstOrDefault(node => node.Hostname == hostname)
        ?? throw new InvalidOperationException($"node '{hostname}' of the interrupted rollout is no longer in the configuration of '{environment.Name}'");

    private Task ForEachAsync(IReadOnlyList<PlannedNode> nodes, Func<PlannedNode, CancellationToken, Task> work,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken) =>
        ForEachAsync(nodes, work, failures, node => node.Hostname, cancellationToken);

    private Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task> work, ConcurrentBag<NodeFailure> failures,
        Func<T, string> hostname, CancellationToken cancellationToken) =>
        session.ForEachAsync(items, hostname, work, failures, cancellationToken);

    private ParallelOptions Limit(CancellationToken cancellationToken) => session.Bounded(cancellationToken);

    private void Log(string message) => log?.Invoke(message);
}
