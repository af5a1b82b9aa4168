using CamBuild.Deploy.Proxmox.Api;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Checks an environment's settings against this machine and the cluster before anything is changed: SSH key and
/// known_hosts, members, explicit placements, and the two storages with the content they must allow. Only reads.
/// </summary>
internal static class SettingsCheck
{
    public static async Task RunAsync(ProxmoxSession session, CancellationToken ct)
    {
        var settings = session.Settings;
        var environment = session.Environment;
        var reader = new SettingsReader(environment);
        session.SshCredentials();

        var resources = await session.Api.GetClusterResourcesAsync(null, ct).ConfigureAwait(false);
        var members = resources.Where(r => r.Type == "node" && r.Node is not null).Select(r => r.Node!).ToHashSet(StringComparer.Ordinal);
        var cluster = string.Join(", ", members.Order(StringComparer.Ordinal));
        foreach (var member in settings.Members.Where(m => !members.Contains(m)))
            throw reader.Error("members", $"names '{member}', which is not a member of the cluster", $"the cluster's members are {cluster}");
        foreach (var member in settings.SshHosts.Keys.Where(m => !members.Contains(m)))
            throw reader.Error("ssh_hosts", $"maps '{member}', which is not a member of the cluster", $"the cluster's members are {cluster}");
        foreach (var node in environment.Nodes.Where(n => n.Placement is not null))
        {
            if (!members.Contains(node.Placement!))
                throw new ProxmoxConfigurationException($"environment '{environment.Name}': node '{node.Hostname}' is placed on '{node.Placement}', " +
                    $"which is not a member of the cluster ({cluster}); fix its placement in config/environments/{environment.Name}.yaml.");
            if (settings.Members.Count > 0 && !settings.Members.Contains(node.Placement!))
                throw new ProxmoxConfigurationException($"environment '{environment.Name}': node '{node.Hostname}' is placed on '{node.Placement}', " +
                    $"which is not in provider setting 'members' ({string.Join(", ", settings.Members)}); add it there or change the placement.");
        }
        var online = MemberPlacement.OnlineMembers(settings, resources);
        if (online.Count == 0)
            throw new ProxmoxNodeException($"environment '{environment.Name}': no cluster member is online" +
                (settings.Members.Count > 0 ? $" among {string.Join(", ", settings.Members)}" : "") + "; nothing was changed.");
        CheckStorage(reader, resources, online, "storage", settings.Storage, "rootdir");
        CheckStorage(reader, resources, online, "template_storage", settings.TemplateStorage, "vztmpl");
        CheckClone(session, reader, resources, online);
    }

    /// <summary>
    /// Notes the root-disk storage's plugin type per member (linked clones of containers need lvmthin, zfspool, rbd or
    /// btrfs); with <c>clone: linked</c> a storage of another type is refused.
    /// </summary>
    private static void CheckClone(ProxmoxSession session, SettingsReader reader, IReadOnlyList<ClusterResource> resources, IReadOnlyList<string> online)
    {
        var settings = session.Settings;
        var rows = resources.Where(r => r.Type == "storage" && r.Storage == settings.Storage && r.Node is not null && online.Contains(r.Node!)).ToList();
        foreach (var row in rows) session.RootStorageTypes[row.Node!] = row.PluginType;
        if (settings.Cloning != CloneMode.Linked) return;
        var refused = rows.Where(r => r.PluginType is not null && !CloneTemplates.SupportsLinked(r.PluginType)).ToList();
        if (refused.Count > 0)
            throw reader.Error("clone", $"is 'linked', but storage '{settings.Storage}' is of type '{refused[0].PluginType}' on {string.Join(", ", refused.Select(r => r.Node))}, " +
                "which cannot hold linked clones of containers",
                $"use clone: auto (linked where possible, else a full create) or clone: full, or set storage to one of type {string.Join(", ", CloneTemplates.LinkedCapable)}");
    }

    private static void CheckStorage(SettingsReader reader, IReadOnlyList<ClusterResource> resources, IReadOnlyList<string> online,
        string key, string storage, string content)
    {
        var rows = resources.Where(r => r.Type == "storage" && r.Storage == storage && r.Node is not null && online.Contains(r.Node!)).ToList();
        if (rows.Count == 0)
        {
            var known = resources.Where(r => r.Type == "storage" && r.Storage is not null).Select(r => r.Storage!).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            throw reader.Error(key, $"names storage '{storage}', which no online member has", $"storages of the cluster: {string.Join(", ", known)}");
        }
        // Rows without a content list (old servers, restricted views) are not held against the setting.
        var lacking = rows.Where(r => r.Content is not null && !r.ContentTypes.Contains(content)).Select(r => r.Node!).ToList();
        if (lacking.Count == rows.Count)
            throw reader.Error(key, $"names storage '{storage}', which does not allow content '{content}' " +
                $"(it allows {string.Join(", ", rows[0].ContentTypes)})",
                $"enable '{content}' for it (Datacenter > Storage > Edit > Content) or choose another storage");
    }
}
