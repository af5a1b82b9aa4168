using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Tests.Simulator;
using CamBuild.Deploy.Proxmox.Tests.Ssh;
using CamBuild.Deploy.Tests;
using Xunit.Abstractions;

namespace CamBuild.Deploy.Proxmox.Tests.Systemd;

/// <summary>
/// The whole deploy through the Proxmox provider: containers made through the simulated API, and every command of
/// boot wait, specialisation, health and fingerprint sent as <c>pct exec</c> over real OpenSSH, where the member's
/// <c>pct</c> enters a real LXC container booted from the systemd test candidate.
/// </summary>
[Trait("Category", "integration")]
public sealed class PctSystemdTests(TestCandidateFixture candidate, ITestOutputHelper output) : IClassFixture<TestCandidateFixture>
{
    private const string LxcRoot = "/var/tmp/cambuild-test-lxc";
    private const string NodePath = "PATH=/opt/cam/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    [Fact]
    public async Task Role_units_are_installed_started_and_checked_through_pct_exec()
    {
        var lxcOptions = new LxcProviderOptions(LxcRoot);
        var lxc = new LxcNodeProvider(lxcOptions);
        var network = new NetworkSpec("cb-it-pve", "10.231.9.0/24", "10.231.9.1");
        var node = new NodeSpec("pvenode", ["web", "api:a1"], "10.231.9.11/24", 1, 256, 1, null);
        var member = new EnvironmentSpec("it-pve", "lxc", network, [node], new Dictionary<string, string>());
        var path = lxcOptions.EnvironmentDirectory(member.Name);
        await lxc.TeardownAsync(member, CancellationToken.None);
        var work = Directory.CreateTempSubdirectory("cambuild-pve-systemd-").FullName;
        using var ssh = OpenSshServer.Start($"lxc-attach -P '{path}' -n pvenode --clear-env -v '{NodePath}' -v HOME=/root --");
        try
        {
            await lxc.PrepareAsync(member, candidate.Candidate, CancellationToken.None);
            await lxc.CreateNodeAsync(member, node, candidate.Candidate, "d", CancellationToken.None);

            await using var sim = await ProxmoxSimulator.StartAsync();
            var settings = TestEnvironment.Settings(sim, ("ssh_known_hosts", ssh.KnownHosts), ("ssh_key", ssh.ClientKey),
                ("ssh_hosts", $"pve1=127.0.0.1:{ssh.Port},pve2=127.0.0.1:{ssh.Port},pve3=127.0.0.1:{ssh.Port}"));
            var environment = TestEnvironment.Environment(sim, 1, settings: settings) with
            {
                Network = new NetworkSpec("vmbr0", network.Subnet, network.Gateway), Nodes = [node],
            };
            using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
            var deployer = new EnvironmentDeployer(provider, TestCatalog.Load(),
                new DeployOptions(Path.Combine(work, "state"), HealthTimeout: TimeSpan.FromSeconds(30)), line => output.WriteLine(line));

            var result = await deployer.DeployAsync(environment, TestEnvironment.Candidate(work), CancellationToken.None);

            Assert.True(result.Applied);
            var vmid = sim.Cluster.Containers()[0].Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var calls = ssh.PctCalls().Where(call => call[0] == "exec" && call[1] == vmid).Select(call => string.Join(' ', call.Skip(3))).ToList();
            Assert.Contains(calls, call => call.Contains("systemctl is-system-running --wait", StringComparison.Ordinal));
            Assert.Contains(calls, call => call.Contains("systemctl enable --now", StringComparison.Ordinal) && call.Contains("cam-api-a1.service", StringComparison.Ordinal));
            Assert.Contains(calls, call => call.StartsWith("systemctl show cam-web-web.service", StringComparison.Ordinal));
            var enabled = await provider.ExecAsync(environment, node, ["systemctl", "is-enabled", "cam-web-web.service", "cam-api-a1.service"],
                TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Equal("enabled\nenabled\n", enabled.StandardOutput);
            var unit = await provider.ExecAsync(environment, node, ["cat", "/etc/systemd/system/cam-api-a1.service"], TimeSpan.FromSeconds(20),
                CancellationToken.None);
            Assert.Contains("Wants=cam-web-web.service", unit.StandardOutput, StringComparison.Ordinal);

            await deployer.TeardownAsync(environment, CancellationToken.None);
            sim.AssertClean();
        }
        finally
        {
            await lxc.TeardownAsync(member, CancellationToken.None);
            Directory.Delete(work, recursive: true);
        }
    }
}
