using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Tests;

public sealed class PlannerTests
{
    private static readonly EnvironmentSpec Environment = LxcTestEnvironment.Spec("plan", "10.9.0",
        ("web1", 11, ["web"]), ("api1", 12, ["api"]));

    private static Dictionary<string, string> Digests(EnvironmentSpec environment, string candidate) =>
        environment.Nodes.ToDictionary(node => node.Hostname, node => DeployDigests.NodeDigest(environment, node, candidate, TestCatalog.Load()));

    private static (List<ObservedNode> Observed, EnvironmentState State) Deployed(EnvironmentSpec environment, string candidate)
    {
        var digests = Digests(environment, candidate);
        var observed = environment.Nodes.Select(node => new ObservedNode(node.Hostname, candidate, digests[node.Hostname], true, node.Hostname)).ToList();
        var state = new EnvironmentState(environment.Name, "lxc", candidate, DeployDigests.ConfigHash(environment), "site",
            environment.Nodes.Select(node => new NodeState(node.Hostname, node.Address, node.Roles, digests[node.Hostname], "fp", node.Hostname)).ToList());
        return (observed, state);
    }

    [Fact]
    public void Empty_environment_creates_every_node()
    {
        var plan = DeployPlanner.Plan(Environment, "c1", Digests(Environment, "c1"), [], null);

        Assert.All(plan.Nodes, node => Assert.Equal(NodeAction.Create, node.Action));
        Assert.False(plan.UpToDate);
    }

    [Fact]
    public void Same_candidate_and_configuration_is_up_to_date()
    {
        var (observed, state) = Deployed(Environment, "c1");

        var plan = DeployPlanner.Plan(Environment, "c1", Digests(Environment, "c1"), observed, state);

        Assert.True(plan.UpToDate);
        Assert.All(plan.Nodes, node => Assert.Equal(NodeAction.Keep, node.Action));
    }

    [Fact]
    public void Two_nodes_claiming_one_hostname_are_replaced_never_kept()
    {
        var (observed, state) = Deployed(Environment, "c1");
        observed.Add(observed[0] with { ProviderId = "pve2/150" });
        observed.Add(new ObservedNode("gone1", "c1", "d", true, "pve1/151"));
        observed.Add(new ObservedNode("gone1", "c1", "d", true, "pve1/152"));

        var plan = DeployPlanner.Plan(Environment, "c1", Digests(Environment, "c1"), observed, state);

        var web = plan.Nodes.Single(node => node.Hostname == observed[0].Hostname);
        Assert.Equal(NodeAction.Replace, web.Action);
        Assert.Contains("2 nodes claim this hostname", web.Reason, StringComparison.Ordinal);
        Assert.Single(plan.Nodes, node => node.Hostname == "gone1" && node.Action == NodeAction.Destroy);
        Assert.False(plan.UpToDate);
    }

    [Fact]
    public void New_candidate_replaces_every_node()
    {
        var (observed, state) = Deployed(Environment, "c1");

        var plan = DeployPlanner.Plan(Environment, "c2", Digests(Environment, "c2"), observed, state);

        Assert.All(plan.Nodes, node => Assert.Equal((NodeAction.Replace, "candidate c1 -> c2"), (node.Action, node.Reason)));
    }

    [Fact]
    public void Changing_one_nodes_roles_replaces_only_that_node_and_removed_nodes_are_destroyed()
    {
        var (observed, state) = Deployed(Environment, "c1");
        observed.Add(new ObservedNode("old9", "c1", "d", true, "old9"));
        var changed = Environment with { Nodes = [Environment.Nodes[0], Environment.Nodes[1] with { Roles = ["api", "web:w2"] }] };

        var plan = DeployPlanner.Plan(changed, "c1", Digests(changed, "c1"), observed, state);

        Assert.Equal([NodeAction.Keep, NodeAction.Replace, NodeAction.Destroy], plan.Nodes.Select(node => node.Action));
        Assert.Equal("roles api -> api,web:w2", plan.Nodes[1].Reason);
        Assert.Equal("no longer in the configuration", plan.Nodes[2].Reason);
    }

    [Fact]
    public void A_stopped_node_is_replaced_and_a_missing_state_record_is_not_up_to_date()
    {
        var (observed, _) = Deployed(Environment, "c1");
        observed[0] = observed[0] with { Running = false };

        var plan = DeployPlanner.Plan(Environment, "c1", Digests(Environment, "c1"), observed, null);

        Assert.Equal((NodeAction.Replace, "not running"), (plan.Nodes[0].Action, plan.Nodes[0].Reason));
        Assert.False(plan.UpToDate);
    }

    [Fact]
    public void Node_digest_ignores_other_nodes_but_not_role_settings_of_its_own_roles()
    {
        var catalog = TestCatalog.Load();
        var node = Environment.Nodes[0];
        var baseline = DeployDigests.NodeDigest(Environment, node, "c1", catalog);
        var otherNodeChanged = Environment with { Nodes = [node, Environment.Nodes[1] with { Cores = 4 }] };
        var ownSettings = Environment with { RoleSettingsJson = """{"web":{"port":9000}}""" };
        var otherSettings = Environment with { RoleSettingsJson = """{"api":{"port":9000}}""" };

        Assert.Equal(baseline, DeployDigests.NodeDigest(otherNodeChanged, node, "c1", catalog));
        Assert.Equal(baseline, DeployDigests.NodeDigest(otherSettings, node, "c1", catalog));
        Assert.NotEqual(baseline, DeployDigests.NodeDigest(ownSettings, node, "c1", catalog));
        Assert.NotEqual(DeployDigests.ConfigHash(Environment), DeployDigests.ConfigHash(otherNodeChanged));
    }

    [Fact]
    public void Plan_table_lists_every_node_and_the_totals()
    {
        var plan = DeployPlanner.Plan(Environment, "c1", Digests(Environment, "c1"), [], null);

        var table = PlanTable.Render(plan);

        Assert.Contains("NODE  ACTION  ROLES  ADDRESS       REASON", table, StringComparison.Ordinal);
        Assert.Contains("web1  create  web    10.9.0.11/24  new node", table, StringComparison.Ordinal);
        Assert.EndsWith("2 to create, 0 to replace, 0 to keep, 0 to destroy.\n", table, StringComparison.Ordinal);
    }
}
