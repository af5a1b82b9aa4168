using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Proxmox.Tests.Ssh;

namespace CamBuild.Deploy.Proxmox.Tests.Deploy;

/// <summary>DeployEnvironment and Teardown of a Proxmox environment through the loader and the deployer, with SSH members.</summary>
[Trait("Category", "integration")]
public sealed class DeployTests(SshServerFixture fixture) : IClassFixture<SshServerFixture>
{
    [Fact]
    public async Task Failed_start_of_one_node_rolls_back_every_container_this_run_created()
    {
        await using var h = await DeployHarness.StartAsync(4, fixture.Server);
        h.Sim.Cluster.Faults.FailTasks("vzstart", 1, "startup for container failed", "lxc-start: 105: ../src/lxc/start.c: __lxc_start: 2107 Failed to spawn container");
        var error = await Assert.ThrowsAsync<DeployFailedException>(() => h.DeployAsync());
        Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Failures);
        Assert.Empty(h.Sim.Cluster.Containers());
        Assert.Null(h.State);

        await h.DeployAsync();
        h.AssertConverged(4);
    }

    [Fact]
    public async Task Lagging_cluster_resources_neither_fail_the_deploy_nor_duplicate_nodes()
    {
        await using var h = await DeployHarness.StartAsync(3, fixture.Server);
        h.Sim.Cluster.ResourceLag = TimeSpan.FromSeconds(30);
        var first = await h.DeployAsync();
        Assert.True(first.Applied);
        h.AssertConverged(3);
        var resourceCalls = h.Sim.Requests.Count(r => r.Template == "/cluster/resources");
        Assert.True(resourceCalls <= 3 + 4, $"{resourceCalls} calls of /cluster/resources for 3 nodes: exec and destroy must not list the cluster");

        var second = await h.DeployAsync();
        Assert.False(second.Applied);
        Assert.True(second.Plan.UpToDate);
        h.AssertConverged(3);
    }

    [Fact]
    public async Task Dead_service_of_an_up_to_date_environment_is_noticed_and_the_node_replaced()
    {
        await using var h = await DeployHarness.StartAsync(2, fixture.Server);
        await h.DeployAsync();
        var victim = h.Sim.Cluster.Containers().Single(c => c.Config["hostname"] == "cam-node02");
        var description = victim.Config["description"];
        foreach (var pid in fixture.Server.ServicePids(victim.Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            System.Diagnostics.Process.GetProcessById(pid).Kill();

        var again = await h.DeployAsync();
        Assert.True(again.Applied);
        Assert.Contains(again.Plan.Nodes, n => n.Hostname == "cam-node02" && n.Action == Planning.NodeAction.Replace && n.Reason.Contains("health", StringComparison.Ordinal));
        Assert.Contains(again.Plan.Nodes, n => n.Hostname == "cam-node01" && n.Action == Planning.NodeAction.Keep);
        h.AssertConverged(2);
        Assert.NotEqual(description, h.Sim.Cluster.Containers().Single(c => c.Config["hostname"] == "cam-node02").Config["description"]); // a new CT
    }

    [Fact]
    public async Task Separate_teardown_removes_containers_templates_and_record()
    {
        await using var h = await DeployHarness.StartAsync(2, fixture.Server, ("remove_template_on_teardown", "true"));
        await h.DeployAsync();
        Assert.True(h.Sim.Cluster.Containers().Count == 2);
        var volume = Assert.Single(h.Sim.Cluster.Files("pve1", "local"));
        await h.TeardownAsync();
        Assert.Empty(h.Sim.Cluster.Containers());
        Assert.Empty(h.Sim.Cluster.Files("pve1", "local"));
        Assert.Empty(h.Sim.Cluster.Files("pve2", "local"));
        Assert.Null(h.State);
        Assert.Contains(h.Log, l => l.Contains("removed template", StringComparison.Ordinal) && l.Contains(volume, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Linked_clone_deploy_through_the_loader_and_deployer_then_teardown_removes_the_templates()
    {
        await using var h = await DeployHarness.StartAsync(4, fixture.Server, ("clone", "linked"), ("remove_template_on_teardown", "true"));
        var first = await h.DeployAsync();
        Assert.True(first.Applied);
        h.AssertConverged(4);
        Assert.Equal(3, h.Sim.Cluster.Templates().Count);
        Assert.All(h.Sim.Cluster.Containers().Where(c => !c.IsTemplate), c => Assert.NotNull(c.LinkedFrom));
        // Specialised and health-checked over SSH like any node: the role's site file exists in each clone.
        Assert.All(h.Sim.Cluster.Containers().Where(c => !c.IsTemplate), c => Assert.True(
            File.Exists(Path.Combine(h.Ssh.Directory, "ct", c.Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture), "etc", "cam", "site.json")),
            $"CT {c.Vmid} was not specialised through pct exec"));

        // A new candidate: one more template per member, its nodes replaced by clones of it.
        File.Delete(h.Candidate.TemplateFile);
        h.CandidateId = "b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3d4b2c3";
        var second = await h.DeployAsync();
        Assert.True(second.Applied);
        h.AssertConverged(4);
        Assert.Equal(6, h.Sim.Cluster.Templates().Count);

        await h.TeardownAsync();
        Assert.Empty(h.Sim.Cluster.Containers());
        Assert.Null(h.State);
        Assert.Contains(h.Log, l => l.StartsWith("removed CT template", StringComparison.Ordinal));
    }
}
