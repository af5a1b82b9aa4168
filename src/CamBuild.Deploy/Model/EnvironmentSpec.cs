namespace CamBuild.Deploy.Model;

/// <summary>A node of an environment: every node runs the same candidate and differs only by these values.</summary>
/// <param name="Address">IPv4 address with prefix length, e.g. <c>10.80.0.11/24</c>.</param>
/// <param name="Placement">Cluster member for providers with several hosts; null lets the provider choose.</param>
/// <param name="Roles">Role references, <c>role</c> or <c>role:instance</c> (the instance defaults to the role's name).</param>
public sealed record NodeSpec(
    string Hostname,
    IReadOnlyList<string> Roles,
    string Address,
    int Cores,
    int MemoryMiB,
    int DiskGiB,
    string? Placement);

/// <param name="Subnet">CIDR, e.g. <c>10.80.0.0/24</c>.</param>
public sealed record NetworkSpec(string Bridge, string Subnet, string Gateway);

/// <param name="ProviderSettings">Provider-specific settings (e.g. Proxmox storage, API URL); never secrets.</param>
public sealed record EnvironmentSpec(
    string Name,
    string Provider,
    NetworkSpec Network,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyDictionary<string, string> ProviderSettings)
{
    /// <summary>
    /// Per-role and per-instance settings (<c>role_settings</c> in the YAML) as a JSON object, copied verbatim into the
    /// <c>roles</c> member of every node's <c>/etc/cam/site.json</c>, e.g. <c>{"proxy:p1": {"devices": ["antenna:m000"]}}</c>.
    /// </summary>
    public string RoleSettingsJson { get; init; } = "{}";
}

/// <param name="ProviderId">Provider's own handle (container name, VMID).</param>
public sealed record ObservedNode(string Hostname, string CandidateId, string NodeDigest, bool Running, string ProviderId);

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);
