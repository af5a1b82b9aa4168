using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Proxmox.Tests.Simulator;
using CamBuild.Deploy.Proxmox.Tests.Ssh;

namespace CamBuild.Deploy.Proxmox.Tests.Deploy;

/// <summary>
/// Each fault, with the pvestatd lag on and off, through the loader and the deployer: the run either succeeds or fails
/// and rolls back; afterwards no container exists that no environment record owns, and the next deploy converges.
/// </summary>
[Trait("Category", "integration")]
public sealed class FaultMatrixTests(SshServerFixture fixture) : IClassFixture<SshServerFixture>
{
    private const string CreatePath = "^/nodes/[^/]+/lxc$";
    private const int Nodes = 3;

    private static readonly Dictionary<string, Action<SimCluster>> Faults = new(StringComparer.Ordinal)
    {
        ["lock"] = c =>
        {
            c.Faults.FailRequests("POST", CreatePath, 2, 500, "can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout");
            c.Faults.FailRequests("POST", "/status/start$", 2, 500, "CT is locked (create)");
            c.Faults.FailRequests("POST", "/clone$", 2, 500, "CT is locked (disk)");
        },
        ["595"] = c =>
        {
            c.Faults.FailRequests("POST", CreatePath, 2, 595, "Errors during connection establishment, proxy handshake");
            c.Faults.FailRequests("GET", "/status/current$", 2, 596, "Connection timed out");
            c.Faults.FailRequests("POST", "/clone$", 1, 595, "Errors during connection establishment, proxy handshake");
        },
        ["595-persistent"] = c => c.Faults.FailRequests("POST", "/status/start$", 30, 595, "Errors during connection establishment, proxy handshake"),
        ["dropped-before"] = c =>
        {
            c.Faults.DropRequests("POST", CreatePath, 2);
            c.Faults.DropRequests("GET", "/config$", 2);
            c.Faults.DropRequests("POST", "/clone$", 1);
        },
        ["dropped-after"] = c =>
        {
            c.Faults.DropRequests("POST", CreatePath, 2, afterHandling: true);
            c.Faults.DropRequests("POST", "/status/start$", 1, afterHandling: true);
            c.Faults.DropRequests("POST", "/clone$", 1, afterHandling: true);
            c.Faults.DropRequests("POST", "/template$", 1, afterHandling: true);
        },
        ["failed-create-task"] = c => c.Faults.FailTasks("vzcreate", 1, "unable to create CT 101 - command 'lxc-usernsexec' failed: exit code 2",
            "tar: ./dev/console: Cannot mknod: Operation not permitted"),
        ["failed-clone-task"] = c =>
        {
            c.Faults.FailTasks("vzclone", 1, "clone failed: lvcreate 'pve/vm-102-disk-0' error: Insufficient free space");
            c.Faults.FailTasks("resize", 1, "command 'resize2fs' failed: exit code 1");
        },
        ["failed-start-task"] = c => c.Faults.FailTasks("vzstart", 2, "startup for container '102' failed"),
        ["vmid-race"] = c =>
        {
            c.AddForeignContainer(100, "pve3", "not-ours");
            c.StaleNextIdAnswers = 2;
        },
    };

    public static TheoryData<string, bool, string> Matrix()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var fault in Faults.Keys)
        {
            // Linked clones (the default on lvmthin) with the lag on and off; full creates with the lag on.
            data.Add(fault, false, "linked");
            data.Add(fault, true, "linked");
            data.Add(fault, true, "full");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Fault_leaves_no_unowned_container_and_the_next_deploy_converges(string fault, bool lag, string clone)
    {
        await using var h = await DeployHarness.StartAsync(Nodes, fixture.Server, ("clone", clone));
        if (lag) h.Sim.Cluster.ResourceLag = TimeSpan.FromSeconds(30);
        Faults[fault](h.Sim.Cluster);
        try
        {
            await h.DeployAsync();
        }
        catch (DeployFailedException failed)
        {
            Assert.Contains("rolled back", failed.Message, StringComparison.Ordinal);
        }
        Assert.Empty(h.Orphans());
        h.AssertNoDuplicateTemplates();
        h.Sim.Cluster.Faults.Clear();

        var next = await h.DeployAsync();
        h.AssertConverged(Nodes);
        Assert.Empty(h.Orphans());
        Assert.All(h.Sim.Cluster.Containers().Where(c => c.Config["hostname"] == "not-ours"), c => Assert.Equal(100, c.Vmid));
        _ = next;
    }
}
