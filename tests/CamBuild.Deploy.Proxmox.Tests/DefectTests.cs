using CamBuild.Deploy.Config;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>The five defects of issue 21, each through the public surface a user meets (simulator on loopback, no root).</summary>
public sealed class DefectTests : IDisposable
{
    private const string TestKey = TestEnvironment.TestKey;

    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The environment file of the README, completed with name and nodes.</summary>
    private static string ReadmeEnvironment()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "CamBuild.Deploy.Proxmox", "README.md"));
        var section = readme[readme.IndexOf("### 4. Environment file", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + 8;
        var yaml = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        return "name: lab\n" + yaml + "nodes:\n  - { hostname: cam-node01, address: 10.80.0.11, roles: [proxy] }\n";
    }

    [Fact]
    public void Defect1_the_readme_token_configuration_loads_through_the_environment_loader()
    {
        var spec = EnvironmentConfigLoader.Parse(ReadmeEnvironment(), "config/environments/lab.yaml");
        var settings = ProxmoxSettings.FromEnvironment(spec);
        Assert.Equal(ProxmoxAuthMode.ApiToken, settings.Auth);
        Assert.Equal("cambuild@pve!deploy", settings.Principal);

        foreach (var secret in new[] { "token_secret", "api_token", "password", "ssh_private_key", "secret" })
        {
            var error = Assert.ThrowsAny<DeployConfigurationException>(() =>
                EnvironmentConfigLoader.Parse(ReadmeEnvironment().Replace("  storage:", $"  {secret}: x\n  storage:", StringComparison.Ordinal), "lab.yaml"));
            Assert.Contains("looks like a secret", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Defect3_hostname_and_state_come_from_the_container_not_from_lagging_cluster_resources()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        sim.Cluster.ResourceLag = TimeSpan.FromMinutes(5);
        var env = TestEnvironment.Environment(sim, 2);
        var candidate = TestEnvironment.Candidate(_dir);
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            await provider.PrepareAsync(env, candidate, CancellationToken.None);
            foreach (var node in env.Nodes) await provider.CreateNodeAsync(env, node, candidate, "d", CancellationToken.None);
        }
        using (var later = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            var observed = await later.ListNodesAsync(env, CancellationToken.None);
            Assert.Equal(["cam-node01", "cam-node02"], observed.Select(o => o.Hostname).Order(StringComparer.Ordinal));
            Assert.All(observed, o => Assert.True(o.Running, $"{o.Hostname} runs but was observed as not running"));
            foreach (var node in env.Nodes) await later.CreateNodeAsync(env, node, candidate, "d", CancellationToken.None);
        }
        Assert.Equal(2, sim.Cluster.Containers().Count);

        // A container stopped since the last statistics cycle is seen as stopped.
        var stopped = sim.Cluster.Containers()[0];
        stopped.Status = "stopped";
        using var third = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        Assert.False((await third.ListNodesAsync(env, CancellationToken.None)).Single(o => o.Hostname == stopped.Config["hostname"]).Running);
        sim.AssertClean();
    }

    [Fact]
    public async Task Defect3_a_container_still_locked_by_its_create_is_not_observed_as_running()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var env = TestEnvironment.Environment(sim, 1);
        var candidate = TestEnvironment.Candidate(_dir);
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        await provider.PrepareAsync(env, candidate, CancellationToken.None);
        await provider.CreateNodeAsync(env, env.Nodes[0], candidate, "d", CancellationToken.None);
        sim.Cluster.Containers()[0].Lock = "create";
        Assert.False(Assert.Single(await provider.ListNodesAsync(env, CancellationToken.None)).Running);
        sim.Cluster.Containers()[0].Lock = null;
    }

    [Fact]
    public void Defect4_tilde_in_ssh_paths_is_the_home_directory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var env = new Model.EnvironmentSpec("lab", "proxmox", new Model.NetworkSpec("vmbr0", "10.80.0.0/24", "10.80.0.1"), [],
            new Dictionary<string, string>
            {
                ["api_url"] = "https://pve1:8006", ["token_id"] = "a@pve!bb", ["storage"] = "local-lvm",
                ["ssh_key"] = "~/.ssh/cambuild_ed25519", ["ssh_known_hosts"] = "~/known",
            });
        var settings = ProxmoxSettings.FromEnvironment(env);
        Assert.Equal(Path.Combine(home, ".ssh", "cambuild_ed25519"), settings.SshKey);
        Assert.Equal(Path.Combine(home, "known"), settings.SshKnownHosts);
    }

    [Theory]
    [InlineData("ssh_known_hosts", "missing-known-hosts", "ssh_known_hosts")]
    [InlineData("ssh_key", "missing-key", "ssh_key")]
    [InlineData("storage", "nope", "storage")]
    [InlineData("template_storage", "local-lvm", "template_storage")]
    [InlineData("members", "pve1,pve9", "members")]
    public async Task Defect4_settings_are_checked_before_the_first_mutating_call(string key, string value, string named)
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var knownHosts = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(knownHosts, "pve1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOg9rw812xNVbhLhfkJdVDJsCNWTLA8Vj143mFmjI2MV\n");
        var keyFile = Path.Combine(_dir, "key");
        File.WriteAllText(keyFile, TestKey);
        var settings = TestEnvironment.Settings(sim, ("ssh_known_hosts", knownHosts), ("ssh_key", keyFile));
        settings[key] = value.StartsWith("missing", StringComparison.Ordinal) ? Path.Combine(_dir, value) : value;
        var env = TestEnvironment.Environment(sim, 2, settings: settings);
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        var error = await Assert.ThrowsAsync<ProxmoxConfigurationException>(() => provider.PrepareAsync(env, TestEnvironment.Candidate(_dir), CancellationToken.None));
        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CamBuild.Common.InputException>(error);
        Assert.DoesNotContain(sim.Requests, r => r.Method != "GET");

        settings[key] = key switch
        {
            "ssh_known_hosts" => knownHosts, "ssh_key" => keyFile, "storage" => "local-lvm", "template_storage" => "local", _ => "pve1,pve2",
        };
        using var corrected = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        await corrected.PrepareAsync(TestEnvironment.Environment(sim, 2, settings: settings), TestEnvironment.Candidate(_dir), CancellationToken.None);
        sim.AssertClean();
    }

    [Fact]
    public async Task Defect5_a_separate_teardown_finds_and_removes_the_uploaded_templates()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var env = TestEnvironment.Environment(sim, 2, settings: TestEnvironment.Settings(sim, ("remove_template_on_teardown", "true")));
        var candidate = TestEnvironment.Candidate(_dir);
        using (var deploy = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            await deploy.PrepareAsync(env, candidate, CancellationToken.None);
            foreach (var node in env.Nodes) await deploy.CreateNodeAsync(env, node, candidate, "d", CancellationToken.None);
        }
        Assert.All(new[] { "pve1", "pve2", "pve3" }, m => Assert.Single(sim.Cluster.Files(m, "local")));
        sim.Cluster.AddFile("pve1", "local", "local:vztmpl/debian-13-standard_13.6-1_amd64.tar.zst", 1000);

        using (var teardown = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            foreach (var node in await teardown.ListNodesAsync(env, CancellationToken.None))
                await teardown.DestroyNodeAsync(env, node.Hostname, CancellationToken.None);
            await teardown.TeardownAsync(env, CancellationToken.None);
        }
        Assert.Empty(sim.Cluster.Containers());
        Assert.Equal(["local:vztmpl/debian-13-standard_13.6-1_amd64.tar.zst"], sim.Cluster.Files("pve1", "local"));
        Assert.Empty(sim.Cluster.Files("pve2", "local"));
        Assert.Empty(sim.Cluster.Files("pve3", "local"));
        sim.AssertClean();
    }
}
