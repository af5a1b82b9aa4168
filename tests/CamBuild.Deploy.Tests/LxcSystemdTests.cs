using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Common;
using CamBuild.Deploy.Roles;
using Xunit.Abstractions;
using static CamBuild.Deploy.Tests.LxcTestEnvironment;

namespace CamBuild.Deploy.Tests;

/// <summary>Role services as systemd units on real LXC nodes: reboots, killed services, units and refusals.</summary>
[Collection("lxc")]
[Trait("Category", "integration")]
public sealed class LxcSystemdTests(TestCandidateFixture fixture, ITestOutputHelper output)
{
    private static readonly LxcNodeProvider Provider = new(Options);

    [Fact]
    public async Task Rebooted_nodes_come_back_healthy_by_themselves_with_the_same_fingerprint()
    {
        var spec = Spec("it-boot", "10.231.6", ("web1", 11, ["web"]), ("both", 12, ["api", "web:w2"]));
        var deployer = Deployer(output);
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            var deployed = await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
            var api = await ExecAsync(spec, "both", "cat", "/etc/systemd/system/cam-api-api.service");
            Assert.Contains("After=network.target cam-web-w2.service", api, StringComparison.Ordinal);
            Assert.Equal("enabled\n", await ExecAsync(spec, "both", "systemctl", "is-enabled", "cam-api-api.service"));
            Assert.Equal("both\n", await ExecAsync(spec, "both", "cat", "/proc/sys/kernel/hostname"));

            // Host-side stop and start (lxc-stop shuts systemd down cleanly), then a reboot from inside the node.
            var path = Options.EnvironmentDirectory(spec.Name);
            await RunAsync("lxc-stop", "-P", path, "-n", "web1", "-t", "60");
            await RunAsync("lxc-wait", "-P", path, "-n", "web1", "-s", "STOPPED", "-t", "10");
            await RunAsync("lxc-start", "-P", path, "-n", "web1", "-d");
            await ExecAsync(spec, "both", "touch", "/run/before-reboot");
            var reboot = await Provider.ExecAsync(spec, Node(spec, "both"), ["systemctl", "reboot"], TimeSpan.FromSeconds(30), CancellationToken.None);
            output.WriteLine($"systemctl reboot: {reboot.ExitCode} {reboot.StandardError}");
            await WaitRebootedAsync(spec, "both", "/run/before-reboot");

            var health = new HealthChecker(Provider, TestCatalog.Load(), TimeSpan.FromSeconds(60));
            var fingerprints = new NodeFingerprinter(Provider, TimeSpan.FromSeconds(30));
            foreach (var node in spec.Nodes)
            {
                await BootAsync(spec, node.Hostname);
                await health.WaitHealthyAsync(spec, node, CancellationToken.None);
                Assert.Equal(deployed.State!.Nodes.Single(n => n.Hostname == node.Hostname).Fingerprint,
                    await fingerprints.FingerprintAsync(spec, node, fixture.Candidate.Id, CancellationToken.None));
            }
            var plan = await deployer.PlanAsync(spec, fixture.Candidate, CancellationToken.None);
            Assert.True(plan.UpToDate, Planning.PlanTable.Render(plan));
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
        await AssertNothingLeftAsync(spec);
    }

    [Fact]
    public async Task A_killed_service_is_restarted_by_systemd_and_a_disabled_unit_changes_the_fingerprint()
    {
        var spec = Spec("it-kill", "10.231.7", ("web1", 11, ["web"]));
        var deployer = Deployer(output);
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            var deployed = await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
            var node = Node(spec, "web1");
            var before = await UnitStatus.ReadAsync(Provider, spec, node, "cam-web-web.service", TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.True(before.Running, before.Describe());

            await ExecAsync(spec, "web1", "/bin/sh", "-c", "kill -KILL \"$1\"", "sh", before["MainPID"]);

            var deadline = DateTime.UtcNow.AddSeconds(30);
            UnitStatus after;
            do
            {
                await Task.Delay(200);
                after = await UnitStatus.ReadAsync(Provider, spec, node, "cam-web-web.service", TimeSpan.FromSeconds(10), CancellationToken.None);
            }
            while (!(after.Running && after["MainPID"] != before["MainPID"]) && DateTime.UtcNow < deadline);
            Assert.True(after.Running && after["MainPID"] != before["MainPID"], after.Describe());
            Assert.Equal(before.Restarts + 1, after.Restarts);
            await new HealthChecker(Provider, TestCatalog.Load(), TimeSpan.FromSeconds(30)).WaitHealthyAsync(spec, node, CancellationToken.None);
            var fingerprints = new NodeFingerprinter(Provider, TimeSpan.FromSeconds(30));
            var recorded = deployed.State!.Nodes[0].Fingerprint;
            Assert.Equal(recorded, await fingerprints.FingerprintAsync(spec, node, fixture.Candidate.Id, CancellationToken.None));
            var journal = await new HealthChecker(Provider, TestCatalog.Load(), TimeSpan.FromSeconds(1))
                .JournalAsync(spec, node, RoleReference.Parse("web"), CancellationToken.None);
            output.WriteLine(string.Join('\n', journal));

            await ExecAsync(spec, "web1", "systemctl", "disable", "cam-web-web.service");
            Assert.NotEqual(recorded, await fingerprints.FingerprintAsync(spec, node, fixture.Candidate.Id, CancellationToken.None));
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
        await AssertNothingLeftAsync(spec);
    }

    [Fact]
    public async Task A_node_whose_init_is_not_systemd_is_refused_with_the_fix()
    {
        var spec = Spec("it-noinit", "10.231.8", ("web1", 11, ["web"]));
        var deployer = new EnvironmentDeployer(new LxcNodeProvider(Options with { InitCommand = "/bin/sleep infinity" }), TestCatalog.Load(),
            new DeployOptions(StateDirectory, HealthTimeout: TimeSpan.FromSeconds(20)), line => output.WriteLine(line));
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            var failure = await Assert.ThrowsAsync<DeployFailedException>(() => deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None));

            var node = Assert.Single(failure.Failures);
            Assert.Equal(("web1", "boot"), (node.Hostname, node.Step));
            Assert.Equal("PID 1 of the node is 'sleep', not systemd; start the node with the candidate's /sbin/init (systemd)", node.Problem);
            await AssertNothingLeftAsync(spec);
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
    }

    private static NodeSpec Node(EnvironmentSpec spec, string host) => spec.Nodes.Single(node => node.Hostname == host);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromSeconds(90), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: exit {result.ExitCode} {result.StandardError}");
    }

    /// <summary>Until the node answers again and a file in its /run (a tmpfs) has gone, i.e. it really rebooted.</summary>
    private static async Task WaitRebootedAsync(EnvironmentSpec spec, string host, string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            var probe = await Provider.ExecAsync(spec, Node(spec, host), ["test", "!", "-e", marker], TimeSpan.FromSeconds(10), CancellationToken.None);
            if (probe.ExitCode == 0)
            {
                return;
            }
        }
        Assert.Fail($"{host} did not reboot within 90 s");
    }

    private static async Task BootAsync(EnvironmentSpec spec, string host)
    {
        var boot = new NodeBoot(Provider, TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await boot.WaitAsync(spec, Node(spec, host), CancellationToken.None);
                return;
            }
            catch (NodeStepException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(300);
            }
        }
    }
}
