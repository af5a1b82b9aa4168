using CamBuild.Deploy.Model;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Planning;

/// <summary>
/// Desired state (candidate + configuration) against actual state (what the provider observes, plus the state
/// record for explanations). Nodes are immutable: any difference replaces the node, never upgrades it in place.
/// </summary>
internal static class DeployPlanner
{
    public static DeployPlan Plan(EnvironmentSpec desired, string candidateId, IReadOnlyDictionary<string, string> nodeDigests,
        IReadOnlyList<ObservedNode> observed, EnvironmentState? state)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(nodeDigests);
        ArgumentNullException.ThrowIfNull(observed);
        // Two nodes claiming one hostname (left by an interrupted or faulty run) are never kept: the node is replaced,
        // which removes every one of them first.
        var claims = observed.GroupBy(node => node.Hostname, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var observedByName = observed.GroupBy(node => node.Hostname, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var recorded = state?.Nodes.ToDictionary(node => node.Hostname, StringComparer.Ordinal)
            ?? new Dictionary<string, NodeState>(StringComparer.Ordinal);
        var planned = new List<PlannedNode>();
        foreach (var node in desired.Nodes)
        {
            var digest = nodeDigests[node.Hostname];
            if (!observedByName.TryGetValue(node.Hostname, out var actual))
            {
                planned.Add(new PlannedNode(node.Hostname, NodeAction.Create, "new node", node, digest));
                continue;
            }
            var reason = claims[node.Hostname] > 1
                ? $"{claims[node.Hostname]} nodes claim this hostname"
                : ReplaceReason(node, digest, candidateId, actual, recorded.GetValueOrDefault(node.Hostname));
            planned.Add(reason is null
                ? new PlannedNode(node.Hostname, NodeAction.Keep, "unchanged", node, digest)
                : new PlannedNode(node.Hostname, NodeAction.Replace, reason, node, digest));
        }
        var desiredNames = desired.Nodes.Select(node => node.Hostname).ToHashSet(StringComparer.Ordinal);
        planned.AddRange(observedByName.Values.Where(node => !desiredNames.Contains(node.Hostname)).OrderBy(node => node.Hostname, StringComparer.Ordinal)
            .Select(node => new PlannedNode(node.Hostname, NodeAction.Destroy, "no longer in the configuration", null, null)));

        var configHash = DeployDigests.ConfigHash(desired);
        var upToDate = planned.All(node => node.Action == NodeAction.Keep) && state is not null
            && state.CandidateId == candidateId && state.ConfigHash == configHash;
        return new DeployPlan(desired.Name, candidateId, configHash, planned, upToDate);
    }

    private static string? ReplaceReason(NodeSpec node, string digest, string candidateId, ObservedNode actual, NodeState? recorded)
    {
        if (actual.CandidateId != candidateId)
        {
            return $"candidate {Short(actual.CandidateId)} -> {Short(candidateId)}";
        }
        if (actual.NodeDigest == digest)
        {
            return actual.Running ? null : "not running";
        }
        if (recorded is null || recorded.NodeDigest != actual.NodeDigest)
        {
            return "node configuration changed";
        }
        var changes = new List<string>();
        if (!recorded.Roles.SequenceEqual(node.Roles, StringComparer.Ordinal))
        {
            changes.Add($"roles {string.Join(',', recorded.Roles)} -> {string.Join(',', node.Roles)}");
        }
        if (recorded.Address != node.Address)
        {
            changes.Add($"address {recorded.Address} -> {node.Address}");
        }
        return changes.Count > 0 ? string.Join("; ", changes) : "node configuration changed";
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
