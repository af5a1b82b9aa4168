namespace CamBuild.Deploy.Proxmox.Api;

internal sealed record PveVersion(string Version, string Release, string? RepoId);

/// <summary>One row of <c>GET /cluster/resources</c> (only the fields the deploy tool reads).</summary>
internal sealed record ClusterResource(string Id, string Type, string? Node, int? Vmid, string? Name, string? Status,
    string? Tags, string? Lock, long? MaxMem, long? Mem, string? Storage, bool Shared, string? Content = null, string? PluginType = null)
{
    /// <summary>Content types of a storage row (<c>rootdir</c>, <c>vztmpl</c>, …).</summary>
    public IReadOnlyList<string> ContentTypes => (Content ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed record StorageContentItem(string VolId, string Format, long Size, string Content);

internal sealed record ContainerStatus(int Vmid, string Status, string? Lock, string? Name, string? Tags)
{
    public bool Running => Status == "running";
}

internal sealed record ProxmoxTaskStatus(string Upid, string Status, string? ExitStatus)
{
    public bool Stopped => Status == "stopped";

    /// <summary>Proxmox's own rule: <c>OK</c> or <c>WARNINGS: n</c> is success, anything else an error.</summary>
    public bool Succeeded => ExitStatus == "OK" || (ExitStatus?.StartsWith("WARNINGS: ", StringComparison.Ordinal) == true
        && ExitStatus.Length > 10 && ExitStatus[10..].All(char.IsAsciiDigit));
}

internal sealed record TaskLogLine(int Number, string Text);

/// <summary>Parameters of <c>POST /nodes/{node}/lxc</c> the deploy tool sends; always unprivileged.</summary>
internal sealed record ContainerCreateRequest(
    int Vmid,
    string OsTemplate,
    string Hostname,
    string? Net0,
    string RootFs,
    int Cores,
    int MemoryMiB,
    string Tags,
    string Description)
{
    public IReadOnlyList<KeyValuePair<string, string>> ToParameters() =>
    [
        new("vmid", Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ostemplate", OsTemplate),
        new("hostname", Hostname),
        .. (Net0 is null ? Array.Empty<KeyValuePair<string, string>>() : [new("net0", Net0)]),
        new("rootfs", RootFs),
        new("cores", Cores.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("memory", MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("swap", "0"),
        new("unprivileged", "1"),
        new("tags", Tags),
        new("description", Description),
    ];
}

/// <summary>One row of <c>GET /nodes/{node}/tasks</c>.</summary>
internal sealed record TaskListItem(string Upid, string Type, string Id, long StartTime, string? Status, long? EndTime);
