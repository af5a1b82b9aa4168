using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Chooses the cluster member of a node: the node's explicit <c>placement</c>, else <c>spread</c> (the n-th
/// unplaced node of the environment on the n-th online member, stable across runs) or <c>least-loaded</c>
/// (fewest containers of this environment, then most free memory).
/// </summary>
internal static class MemberPlacement
{
    public static IReadOnlyList<string> OnlineMembers(ProxmoxSettings settings, IEnumerable<ClusterResource> resources)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var online = resources.Where(r => r.Type == "node" && r.Status == "online" && r.Node is not null).Select(r => r.Node!);
        if (settings.Members.Count > 0) online = online.Where(settings.Members.Contains);
        return online.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static string Choose(ProxmoxSettings settings, EnvironmentSpec environment, NodeSpec node,
        IReadOnlyList<ClusterResource> resources, IReadOnlyDictionary<string, int> containersPerMember)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var online = OnlineMembers(settings, resources);
        if (node.Placement is { } explicitMember)
        {
            if (settings.Members.Count > 0 && !settings.Members.Contains(explicitMember))
                throw new ProxmoxConfigurationException($"environment '{environment.Name}': node '{node.Hostname}' is placed on '{explicitMember}', " +
                    $"which is not in provider setting 'members' ({string.Join(", ", settings.Members)}); add it there or change the placement.");
            if (!online.Contains(explicitMember))
                throw new ProxmoxNodeException($"environment '{environment.Name}': node '{node.Hostname}' is placed on cluster member '{explicitMember}', " +
                    $"which is not online (online: {(online.Count == 0 ? "none" : string.Join(", ", online))}).");
            return explicitMember;
        }
        if (online.Count == 0)
            throw new ProxmoxNodeException($"environment '{environment.Name}': no cluster member is online" +
                (settings.Members.Count > 0 ? $" among {string.Join(", ", settings.Members)}" : "") + $"; cannot place node '{node.Hostname}'.");
        if (settings.Placement == PlacementStrategy.Spread)
        {
            var unplaced = environment.Nodes.Where(n => n.Placement is null).Select(n => n.Hostname).ToList();
            var index = Math.Max(0, unplaced.IndexOf(node.Hostname));
            return online[index % online.Count];
        }
        var free = resources.Where(r => r.Type == "node" && r.Node is not null)
            .GroupBy(r => r.Node!).ToDictionary(g => g.Key, g => g.Sum(r => (r.MaxMem ?? 0) - (r.Mem ?? 0)), StringComparer.Ordinal);
        return online
            .OrderBy(m => containersPerMember.GetValueOrDefault(m))
            .ThenByDescending(m => free.GetValueOrDefault(m))
            .ThenBy(m => m, StringComparer.Ordinal)
            .First();
    }
}
