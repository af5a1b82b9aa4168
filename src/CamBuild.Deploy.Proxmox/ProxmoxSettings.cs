using System.Text.RegularExpressions;
using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Proxmox;

public enum ProxmoxAuthMode { ApiToken, Ticket }

public enum PlacementStrategy { Spread, LeastLoaded }

/// <summary>How nodes are made: <c>auto</c> linked clones of a CT template where the root-disk storage supports them, else
/// a full create from the vztmpl; <c>linked</c> always (a storage without linked clones is a configuration error);
/// <c>full</c> never.</summary>
public enum CloneMode { Auto, Linked, Full }

/// <summary>
/// The Proxmox settings of one environment, read from <see cref="EnvironmentSpec.ProviderSettings"/>. Never holds a
/// secret: the token secret or password is given to the provider separately.
/// </summary>
public sealed partial record ProxmoxSettings(
    Uri ApiUrl,
    ProxmoxAuthMode Auth,
    string Principal,
    string? TlsFingerprint,
    string Storage,
    string TemplateStorage,
    IReadOnlyList<string> Members,
    PlacementStrategy Placement,
    string SshUser,
    string? SshKnownHosts,
    string? SshKey,
    IReadOnlyDictionary<string, string> SshHosts,
    int MaxMutatingCallsPerMember,
    bool RemoveTemplateOnTeardown,
    TimeSpan TaskTimeout,
    CloneMode Cloning = CloneMode.Auto)
{
    public static readonly IReadOnlyList<string> KnownKeys =
    [
        "api_url", "auth", "token_id", "username", "tls_fingerprint", "storage", "template_storage", "members",
        "placement", "ssh_user", "ssh_known_hosts", "ssh_key", "ssh_hosts", "max_mutating_per_member",
        "remove_template_on_teardown", "task_timeout_seconds", "clone",
    ];

    public static ProxmoxSettings FromEnvironment(EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new SettingsReader(environment);
        reader.RejectUnknown(KnownKeys);
        var url = reader.Required("api_url", "e.g. https://pve1.example.org:8006");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var apiUrl) || apiUrl.Scheme != Uri.UriSchemeHttps)
            throw reader.Error("api_url", $"'{url}' is not an https URL", "use https://<host>:8006");
        var auth = reader.Optional("auth") ?? "token";
        var mode = auth switch
        {
            "token" => ProxmoxAuthMode.ApiToken,
            "ticket" => ProxmoxAuthMode.Ticket,
            _ => throw reader.Error("auth", $"'{auth}' is not known", "use 'token' (default) or 'ticket'"),
        };
        string principal;
        if (mode == ProxmoxAuthMode.ApiToken)
        {
            principal = reader.Required("token_id", "e.g. cambuild@pve!deploy");
            if (!TokenIdPattern().IsMatch(principal))
                throw reader.Error("token_id", $"'{principal}' is not a token id", "write user@realm!tokenname");
        }
        else
        {
            principal = reader.Required("username", "e.g. cambuild@pve");
            if (!principal.Contains('@', StringComparison.Ordinal))
                throw reader.Error("username", $"'{principal}' has no realm", "write user@realm, e.g. root@pam");
        }
        var fingerprint = reader.Optional("tls_fingerprint");
        if (fingerprint is not null && !FingerprintPattern().IsMatch(fingerprint))
            throw reader.Error("tls_fingerprint", "is not a SHA-256 fingerprint",
                "write 32 hex byte pairs separated by ':' (from `pvenode cert info` or GET /nodes)");
        var placement = reader.Optional("placement") ?? "spread";
        var strategy = placement switch
        {
            "spread" => PlacementStrategy.Spread,
            "least-loaded" => PlacementStrategy.LeastLoaded,
            _ => throw reader.Error("placement", $"'{placement}' is not known", "use 'spread' or 'least-loaded'"),
        };
        var clone = reader.Optional("clone") ?? "auto";
        var cloneMode = clone switch
        {
            "auto" => CloneMode.Auto,
            "linked" => CloneMode.Linked,
            "full" => CloneMode.Full,
            _ => throw reader.Error("clone", $"'{clone}' is not known",
                "use 'auto' (default: linked clones where the storage supports them), 'linked' or 'full'"),
        };
        return new ProxmoxSettings(
            apiUrl, mode, principal, fingerprint?.ToUpperInvariant(),
            reader.StorageId("storage", reader.Required("storage", "the storage for container root disks, e.g. local-lvm")),
            reader.StorageId("template_storage", reader.Optional("template_storage") ?? "local"),
            reader.List("members"), strategy,
            reader.Optional("ssh_user") ?? "root",
            ExpandHome(reader.Optional("ssh_known_hosts")),
            ExpandHome(reader.Optional("ssh_key")),
            reader.Map("ssh_hosts"),
            reader.Integer("max_mutating_per_member", 2, 1, 64),
            reader.Boolean("remove_template_on_teardown", false),
            TimeSpan.FromSeconds(reader.Integer("task_timeout_seconds", 900, 5, 86400)),
            cloneMode);
    }

    /// <summary><c>~</c> and <c>~/…</c> name the home directory, as in a shell.</summary>
    public static string? ExpandHome(string? path)
    {
        if (path is null || !(path == "~" || path.StartsWith("~/", StringComparison.Ordinal))) return path;
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return path.Length == 1 ? home : Path.Combine(home, path[2..]);
    }

    /// <summary>Tag every container of this environment carries (Proxmox tags are lower-case).</summary>
    public static string EnvironmentTag(string environmentName) =>
        "cambuild-env-" + TagUnsafe().Replace(environmentName.ToLowerInvariant(), "_");

    public const string ManagedTag = "cambuild";

    [GeneratedRegex(@"^[^@\s!]+@[^@\s!]+![A-Za-z][A-Za-z0-9.\-_]+$")]
    private static partial Regex TokenIdPattern();

    [GeneratedRegex("^([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}$")]
    private static partial Regex FingerprintPattern();

    [GeneratedRegex(@"[^a-z0-9_\-+.]")]
    private static partial Regex TagUnsafe();
}
