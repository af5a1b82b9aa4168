using CamBuild.Common;
using System.Globalization;
using System.Text;
using CamBuild.Deploy.Config;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;
using CamBuild.Deploy.Proxmox.Tests.Simulator;
using CamBuild.Deploy.Proxmox.Tests.Ssh;

namespace CamBuild.Deploy.Proxmox.Tests.Deploy;

/// <summary>
/// What <c>./build.sh DeployEnvironment</c> / <c>Teardown</c> do for a Proxmox environment, against the simulator and
/// real OpenSSH members: the environment file goes through <see cref="EnvironmentConfigLoader"/>, each run gets a
/// fresh provider and <see cref="EnvironmentDeployer"/> (as a separate build process would), state in a directory.
/// </summary>
internal sealed class DeployHarness : IAsyncDisposable
{
    public const string Roles = """
        {
          "format": 1,
          "roles": {
            "svc": {
              "command": ["/bin/sh", "-c", "test -s /etc/cam/site.json && exec sleep 300"],
              "health": ["/bin/sh", "-c", "for f in /run/cam/*.pid; do p=$(cat \"$f\"); [ -d /proc/$p ] && ! grep -q '^State:[[:space:]]*Z' /proc/$p/status || exit 1; done; grep -q '{hostname}' /etc/hostname"]
            }
          }
        }
        """;

    private DeployHarness(ProxmoxSimulator sim, OpenSshServer ssh, string directory)
    {
        Sim = sim;
        Ssh = ssh;
        Directory = directory;
        StateDirectory = Path.Combine(directory, "state");
        Sim.Cluster.ContainerRemoved += ssh.ResetContainer;
    }

    public ProxmoxSimulator Sim { get; }
    public OpenSshServer Ssh { get; }
    public string Directory { get; }
    /// <summary>Where the environment records are (the build's artifacts/environments when it runs as a process).</summary>
    public string StateDirectory { get; set; } = "";
    public string EnvironmentFile => Path.Combine(Directory, "lab.yaml");
    public List<string> Log { get; } = [];
    public RoleCatalog Catalog { get; } = RoleCatalog.Parse(Roles, "harness-roles.json");
    public CandidateRef Candidate => TestEnvironment.Candidate(Directory, CandidateId);

    /// <summary>The id of the candidate the next deploy uses (delete its template file too for new content).</summary>
    public string CandidateId { get; set; } = "a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2c3a1b2";

    public static async Task<DeployHarness> StartAsync(int nodes, OpenSshServer ssh, params (string Key, string Value)[] settings)
    {
        var sim = await ProxmoxSimulator.StartAsync();
        var harness = new DeployHarness(sim, ssh, System.IO.Directory.CreateTempSubdirectory("cambuild-pve-deploy-").FullName);
        harness.WriteEnvironment(nodes, settings);
        return harness;
    }

    public void WriteEnvironment(int nodes, params (string Key, string Value)[] extra)
    {
        var hosts = string.Join(',', new[] { "pve1", "pve2", "pve3" }.Select(m => $"{m}=127.0.0.1:{Ssh.Port.ToString(CultureInfo.InvariantCulture)}"));
        var settings = new List<(string, string)>
        {
            ("api_url", Sim.Url.ToString()), ("token_id", ProxmoxSimulator.TokenId), ("tls_fingerprint", Sim.Fingerprint),
            ("storage", "local-lvm"), ("template_storage", "local"), ("ssh_known_hosts", Ssh.KnownHosts), ("ssh_key", Ssh.ClientKey),
            ("ssh_hosts", hosts), ("clone", "full"),
        };
        foreach (var (key, value) in extra)
        {
            settings.RemoveAll(s => s.Item1 == key);
            if (value.Length > 0) settings.Add((key, value));
        }
        var yaml = new StringBuilder("name: lab\nprovider: proxmox\nnetwork: { bridge: vmbr0, subnet: 10.80.0.0/24, gateway: 10.80.0.1 }\n");
        yaml.Append("provider_settings:\n");
        foreach (var (key, value) in settings) yaml.Append(CultureInfo.InvariantCulture, $"  {key}: \"{value}\"\n");
        yaml.Append("nodes:\n");
        for (var i = 1; i <= nodes; i++)
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ hostname: cam-node{i:00}, address: 10.80.0.{10 + i}, roles: [svc:n{i}] }}\n");
        File.WriteAllText(EnvironmentFile, yaml.ToString());
    }

    public EnvironmentSpec LoadEnvironment() => EnvironmentConfigLoader.Load(EnvironmentFile, Catalog);

    /// <summary>One DeployEnvironment run: loader, fresh provider (log wired as the build wires it), deployer.</summary>
    public async Task<DeployResult> DeployAsync(Action<ProxmoxNodeProvider>? inspect = null)
    {
        var spec = LoadEnvironment();
        using var provider = NewProvider();
        var deployer = new EnvironmentDeployer(provider, Catalog,
            new DeployOptions(StateDirectory, HealthTimeout: TimeSpan.FromSeconds(10), CommandTimeout: TimeSpan.FromSeconds(20)), Add);
        try
        {
            return await deployer.DeployAsync(spec, Candidate, CancellationToken.None);
        }
        finally
        {
            inspect?.Invoke(provider);
        }
    }

    public async Task TeardownAsync()
    {
        var spec = LoadEnvironment();
        using var provider = NewProvider();
        await new EnvironmentDeployer(provider, Catalog, new DeployOptions(StateDirectory), Add).TeardownAsync(spec, CancellationToken.None);
    }

    public ProxmoxNodeProvider NewProvider() => new(ProxmoxSimulator.TokenSecret,
        ProductionTimings ? new Provider.ProxmoxProviderOptions { Log = Add } : TestEnvironment.FastOptions(Log));

    /// <summary>The provider's real retry and task-poll timings instead of the tests' fast ones (benchmarks).</summary>
    public bool ProductionTimings { get; set; }

    public void Add(string line)
    {
        lock (Log) Log.Add(line);
    }

    public EnvironmentState? State => new EnvironmentStateStore(StateDirectory).Load("lab");

    /// <summary>A CT template CamBuild made for linked clones (converted, or left unconverted by a failed run: the next run
    /// finds and finishes it); not a node, so no record owns it.</summary>
    public static bool IsCloneTemplate(SimContainer c) =>
        c.Config.GetValueOrDefault("description", "").Contains("cambuild-slot: template", StringComparison.Ordinal);

    /// <summary>Containers of the environment that no environment record owns (none may exist after any run).</summary>
    public IReadOnlyList<SimContainer> Orphans()
    {
        var owned = State?.Nodes.Select(n => n.ProviderId).ToHashSet(StringComparer.Ordinal) ?? [];
        return Sim.Cluster.Containers()
            .Where(c => c.Config.GetValueOrDefault("tags", "").Contains("cambuild-env-lab", StringComparison.Ordinal))
            .Where(c => !IsCloneTemplate(c))
            .Where(c => !owned.Contains($"{c.Member}/{c.Vmid.ToString(CultureInfo.InvariantCulture)}"))
            .ToList();
    }

    /// <summary>At most one CT template per member and candidate.</summary>
    public void AssertNoDuplicateTemplates() =>
        Assert.All(Sim.Cluster.Containers().Where(IsCloneTemplate)
            .GroupBy(c => c.Member + " " + c.Config["description"].Split('\n').FirstOrDefault(l => l.StartsWith("cambuild-candidate:", StringComparison.Ordinal))),
            g => Assert.Single(g));

    /// <summary>Every node of the record runs in exactly one running container, nothing else is tagged for the environment.</summary>
    public void AssertConverged(int nodes)
    {
        var state = Assert.IsType<EnvironmentState>(State);
        Assert.Equal(nodes, state.Nodes.Count);
        Assert.Empty(Orphans());
        var tagged = Sim.Cluster.Containers().Where(c => c.Config.GetValueOrDefault("tags", "").Contains("cambuild-env-lab", StringComparison.Ordinal))
            .Where(c => !IsCloneTemplate(c)).ToList();
        AssertNoDuplicateTemplates();
        Assert.Equal(nodes, tagged.Count);
        Assert.All(tagged, c => Assert.Equal("running", c.Status));
        Assert.Equal(nodes, tagged.Select(c => c.Config["hostname"]).Distinct().Count());
        Sim.AssertClean();
    }

    public async ValueTask DisposeAsync()
    {
        Sim.Cluster.ContainerRemoved -= Ssh.ResetContainer;
        foreach (var c in Sim.Cluster.Containers()) Ssh.ResetContainer(c.Vmid);
        await Sim.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
