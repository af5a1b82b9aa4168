using System.Collections.Concurrent;
using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;

namespace CamBuild.Delivery.Status;

/// <summary>
/// Compares what runs with what was recorded: live fingerprint against the state record, containers against the
/// configuration, and each node's health checks now (one short attempt window per node, all nodes in parallel).
/// </summary>
public sealed class StatusReader(INodeProvider provider, RoleCatalog catalog, string stateDirectory, TimeSpan healthTimeout, TimeSpan commandTimeout)
{
    /// <param name="releaseOf">Release name of a (candidate, configuration) pair, when the release store knows it.</param>
    public async Task<EnvironmentStatus> ReadAsync(EnvironmentSpec environment, Func<string, string, string?> releaseOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(releaseOf);
        var session = new EnvironmentSession(provider, catalog, new SessionPolicy(stateDirectory, MaxParallelism: 8, commandTimeout, healthTimeout,
            BootTimeout: TimeSpan.FromSeconds(90)));
        var state = session.Store.Load(environment.Name);
        var delivered = DeliveredRecord.Load(stateDirectory, environment.Name);
        var observed = (await provider.ListNodesAsync(environment, cancellationToken).ConfigureAwait(false))
            .ToDictionary(node => node.Hostname, StringComparer.Ordinal);
        var recorded = state?.Nodes.ToDictionary(node => node.Hostname, StringComparer.Ordinal) ?? new Dictionary<string, NodeState>(StringComparer.Ordinal);
        var release = state is null ? null : releaseOf(state.CandidateId, state.ConfigHash);
        var rows = new ConcurrentBag<NodeStatus>();
        await Parallel.ForEachAsync(environment.Nodes, session.Bounded(cancellationToken), async (node, token) =>
        {
            var seen = observed.GetValueOrDefault(node.Hostname);
            var record = recorded.GetValueOrDefault(node.Hostname);
            var container = seen is null ? "missing" : seen.Running ? "running" : "stopped";
            bool? matches = null;
            var healthy = false;
            string? problem = seen is null ? "no container" : seen.Running ? null : "container is stopped";
            if (seen is { Running: true })
            {
                if (record is not null && state is not null)
                {
                    try
                    {
                        matches = await session.FingerprintAsync(environment, node, state.CandidateId, token).ConfigureAwait(false) == record.Fingerprint;
                    }
                    catch (NodeStepException exception)
                    {
                        problem = $"fingerprint: {exception.Problem}";
                    }
                }
                try
                {
                    await session.WaitHealthyAsync(environment, node, token).ConfigureAwait(false);
                    healthy = true;
                }
                catch (NodeStepException exception)
                {
                    problem = $"{exception.Step}: {exception.Problem}";
                }
            }
            var candidate = seen?.CandidateId ?? record?.NodeDigest;
            rows.Add(new NodeStatus(node.Hostname, seen?.CandidateId == state?.CandidateId ? release : null, seen?.CandidateId,
                record is null ? null : state?.ConfigHash, container, matches, healthy, problem,
                delivered?.NodeChangedAt.TryGetValue(node.Hostname, out var at) == true ? at : null));
        }).ConfigureAwait(false);
        var configured = environment.Nodes.Select(node => node.Hostname).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in observed.Values.Where(node => !configured.Contains(node.Hostname)))
        {
            rows.Add(new NodeStatus(extra.Hostname, null, extra.CandidateId, null, "extra", null, false, "not in the configuration", null));
        }
        return new EnvironmentStatus(environment.Name, delivered?.Channel, release, state?.CandidateId, state?.ConfigHash,
            rows.OrderBy(row => row.Hostname, StringComparer.Ordinal).ToList());
    }
}
