using CamBuild.Deploy.Proxmox.Tests.Simulator;
using CamBuild.Deploy.Proxmox.Tests.Ssh;

namespace CamBuild.Deploy.Proxmox.Tests.BuildScript;

/// <summary>
/// The fault matrix through <c>./build.sh DeployEnvironment</c> as a process (loader, planner, provider with linked
/// clones, SSH specialisation and health, state records, exit codes), against the in-test simulator and a real OpenSSH
/// member: each fault with the pvestatd lag on and off. The faulted run either succeeds or exits 1 having rolled back;
/// afterwards no container exists that no environment record owns (CT templates are no nodes and at most one per
/// member), the next run converges, and the token secret is in no output.
/// </summary>
[Trait("Category", "integration")]
public sealed class BuildScriptFaultMatrixTests(SshServerFixture ssh, CompiledBuildFixture build)
    : IClassFixture<SshServerFixture>, IClassFixture<CompiledBuildFixture>
{
    private const int Nodes = 3;
    private const string CreatePath = "^/nodes/[^/]+/lxc$";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, Action<SimCluster>> Faults = new(StringComparer.Ordinal)
    {
        ["lock"] = c =>
        {
            c.Faults.FailRequests("POST", CreatePath, 2, 500, "can't lock file '/run/lock/lxc/pve-config-100.lock' - got timeout");
            c.Faults.FailRequests("POST", "/clone$", 2, 500, "CT is locked (disk)");
            c.Faults.FailRequests("POST", "/status/start$", 2, 500, "CT is locked (create)");
        },
        ["595"] = c =>
        {
            c.Faults.FailRequests("POST", "/clone$", 2, 595, "Errors during connection establishment, proxy handshake");
            c.Faults.FailRequests("GET", "/status/current$", 2, 596, "Connection timed out");
            c.Faults.FailRequests("POST", "/status/start$", 30, 595, "Errors during connection establishment, proxy handshake");
        },
        ["dropped-answers"] = c =>
        {
            c.Faults.DropRequests("POST", CreatePath, 1, afterHandling: true);
            c.Faults.DropRequests("POST", "/template$", 1, afterHandling: true);
            c.Faults.DropRequests("POST", "/clone$", 2, afterHandling: true);
            c.Faults.DropRequests("GET", "/config$", 2);
        },
        ["failed-tasks"] = c =>
        {
            c.Faults.FailTasks("vzclone", 1, "clone failed: lvcreate 'pve/vm-104-disk-0' error: Insufficient free space");
            c.Faults.FailTasks("vzstart", 1, "startup for container '105' failed");
        },
        ["vmid-race"] = c =>
        {
            c.AddForeignContainer(100, "pve3", "not-ours");
            c.StaleNextIdAnswers = 3;
        },
    };

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var fault in Faults.Keys)
        {
            data.Add(fault, false);
            data.Add(fault, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Fault_during_build_deploy_leaves_no_unowned_container_and_the_next_build_converges(string fault, bool lag)
    {
        _ = build;
        // clone unset: the provider's default (auto), linked clones on the simulator's lvmthin storage.
        await using var root = await BuildRoot.StartAsync(Nodes, ssh.Server, ("clone", ""));
        var h = root.Harness;
        if (lag) h.Sim.Cluster.ResourceLag = TimeSpan.FromSeconds(30);
        Faults[fault](h.Sim.Cluster);

        var faulted = await root.DeployAsync(Limit);
        Assert.True(faulted.ExitCode is 0 or 1, $"exit {faulted.ExitCode}:\n{faulted.Output}");
        if (faulted.ExitCode == 1) Assert.Contains("rolled back", faulted.Output, StringComparison.Ordinal);
        Assert.Empty(h.Orphans());
        h.AssertNoDuplicateTemplates();
        if (fault is "lock" or "595") Assert.Contains("retrying POST", faulted.Output, StringComparison.Ordinal); // the provider's log is in the build log

        h.Sim.Cluster.Faults.Clear();
        var next = await root.DeployAsync(Limit);
        Assert.True(next.ExitCode == 0, $"exit {next.ExitCode}:\n{next.Output}");
        h.AssertConverged(Nodes);
        Assert.All(h.Sim.Cluster.Containers().Where(c => !c.IsTemplate && c.Config["hostname"] != "not-ours"), c => Assert.NotNull(c.LinkedFrom));
        Assert.All(h.Sim.Cluster.Containers().Where(c => c.Config["hostname"] == "not-ours"), c => Assert.Equal(100, c.Vmid));
        Assert.DoesNotContain(ProxmoxSimulator.TokenSecret, faulted.Output + next.Output, StringComparison.Ordinal);
    }
}
