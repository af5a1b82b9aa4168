using CamBuild.Common;
using System.Security.Cryptography;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Provider;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>Builds environments, candidates and providers pointed at a simulator.</summary>
internal static class TestEnvironment
{
    public static ProxmoxProviderOptions FastOptions(List<string>? log = null) => new()
    {
        Retry = new RetryPolicy(6, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(400)),
        TaskFirstPoll = TimeSpan.FromMilliseconds(50),
        TaskMaxPoll = TimeSpan.FromMilliseconds(200),
        LockWait = TimeSpan.FromSeconds(10),
        Log = log is null ? null : line => { lock (log) log.Add(line); },
    };

    /// <summary>A throwaway ed25519 key (no server trusts it) for settings checks that need a loadable key.</summary>
    public const string TestKey = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACDoPa8PNdsTVW4S4X5CXVQybAjVkywPFY9eN5hZoyNjFQAAAJi3TPePt0z3
        jwAAAAtzc2gtZWQyNTUxOQAAACDoPa8PNdsTVW4S4X5CXVQybAjVkywPFY9eN5hZoyNjFQ
        AAAEDAudXseHwijlcrfZO6SvOioZFU35V6TU/4ZrDd59Yumug9rw812xNVbhLhfkJdVDJs
        CNWTLA8Vj143mFmjI2MVAAAAEmNhbWJ1aWxkLXVuaXQtdGVzdAECAw==
        -----END OPENSSH PRIVATE KEY-----

        """;

    private static readonly Lazy<(string KnownHosts, string Key)> SshFiles = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cambuild-pve-ssh-{System.Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        var knownHosts = Path.Combine(dir, "known_hosts");
        File.WriteAllText(knownHosts, "pve1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOg9rw812xNVbhLhfkJdVDJsCNWTLA8Vj143mFmjI2MV\n");
        var key = Path.Combine(dir, "key");
        File.WriteAllText(key, TestKey);
        return (knownHosts, key);
    });

    public static Dictionary<string, string> Settings(ProxmoxSimulator sim, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["api_url"] = sim.Url.ToString(),
            ["token_id"] = ProxmoxSimulator.TokenId,
            ["tls_fingerprint"] = sim.Fingerprint,
            ["storage"] = "local-lvm",
            ["template_storage"] = "local",
            ["ssh_known_hosts"] = SshFiles.Value.KnownHosts,
            ["ssh_key"] = SshFiles.Value.Key,
            // The tests written for full creates keep them; linked clones (the provider's default on lvmthin) have their own.
            ["clone"] = "full",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    public static EnvironmentSpec Environment(ProxmoxSimulator sim, int nodes, string name = "lab", IReadOnlyDictionary<string, string>? settings = null,
        Func<int, string?>? placement = null) =>
        new(name, "proxmox", new NetworkSpec("vmbr0", "10.80.0.0/24", "10.80.0.1"),
            Enumerable.Range(1, nodes).Select(i => Node(i, placement?.Invoke(i))).ToList(),
            settings ?? Settings(sim));

    public static NodeSpec Node(int i, string? placement = null) =>
        new($"cam-node{i:00}", ["proxy"], $"10.80.0.{10 + i}/24", 2, 1024, 8, placement);

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props"))) directory = directory.Parent;
            return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static CandidateRef Candidate(string directory, string id = "a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2")
    {
        var path = Path.Combine(directory, "cam-candidate_1.0_amd64.tar.zst");
        if (!File.Exists(path)) File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(64 * 1024));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return new CandidateRef(CandidateId.Parse(id), path, Sha256.Parse(sha, "the test template's sha256"));
    }
}

/// <summary>A started simulator and a temp directory per test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public ProxmoxSimulator Sim { get; private set; } = null!;
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("cambuild-pve-").FullName;

    public async Task InitializeAsync() => Sim = await ProxmoxSimulator.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        await Sim.DisposeAsync().ConfigureAwait(false);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
