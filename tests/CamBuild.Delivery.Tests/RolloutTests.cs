using CamBuild.Delivery.Config;
using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Config;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;

namespace CamBuild.Delivery.Tests;

public sealed class RolloutTests
{
    [Theory]
    [InlineData(1, false, 15, 1)]
    [InlineData(3, false, 15, 3)]
    [InlineData(20, false, 15, 15)]
    [InlineData(20, true, 15, 3)]
    [InlineData(25, true, 15, 3)]
    [InlineData(1, true, 15, 1)]
    [InlineData(50, true, 4, 2)]
    [InlineData(100, true, 15, 15)]
    [InlineData(10, true, 4, 1)]
    public void Batch_size_is_a_count_or_a_floor_percentage_of_the_nodes_at_least_one(int value, bool percent, int nodes, int expected) =>
        Assert.Equal(expected, new MaxUnavailable(value, percent).BatchSize(nodes));

    [Fact]
    public void The_cam_rollout_replaces_devices_then_proxies_then_portals_then_the_monitor_in_batches_of_a_fifth()
    {
        var roles = TestFiles.SampleRoles();
        var path = TestFiles.Combine("config", "environments", "cam.yaml");
        var spec = EnvironmentConfigLoader.Load(path, roles);
        var settings = RolloutConfigReader.Load(path, roles);

        var batches = RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings);

        Assert.Equal(new MaxUnavailable(20, true), settings.MaxUnavailable);
        Assert.All(batches, batch => Assert.InRange(batch.Nodes.Count, 1, 3));
        Assert.Equal(spec.Nodes.Count, batches.Sum(batch => batch.Nodes.Count));
        Assert.Equal([0, 0, 0, 0, 1, 2, 3], batches.Select(batch => batch.Stage));
        Assert.Equal(["proxy1", "proxy2"], batches[4].Nodes.Select(node => node.Hostname));
        Assert.Equal(["portal", "portal2"], batches[5].Nodes.Select(node => node.Hostname));
        Assert.Equal(["monitor"], batches[6].Nodes.Select(node => node.Hostname));
        Assert.Equal(Enumerable.Range(1, batches.Count), batches.Select(batch => batch.Number));
    }

    [Fact]
    public void A_restore_packs_the_stages_into_batches_of_a_fifth_and_starts_them_dependencies_first_inside_each()
    {
        var roles = TestFiles.SampleRoles();
        var path = TestFiles.Combine("config", "environments", "cam.yaml");
        var spec = EnvironmentConfigLoader.Load(path, roles);
        var settings = RolloutConfigReader.Load(path, roles);

        var batches = RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings, restore: true);
        var all = RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings with { MaxUnavailable = new MaxUnavailable(100, true) }, restore: true);

        // 15 nodes, at most 3 at a time: 5 batches instead of the 7 that one health wait per stage needs.
        Assert.Equal([3, 3, 3, 3, 3], batches.Select(batch => batch.Nodes.Count));
        Assert.Equal(RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings).SelectMany(batch => batch.Nodes), batches.SelectMany(batch => batch.Nodes));
        Assert.Equal([["m008"], ["proxy1", "proxy2"]], batches[3].Waves.Select(wave => wave.Select(node => node.Hostname)));
        Assert.Equal([["portal", "portal2"], ["monitor"]], batches[4].Waves.Select(wave => wave.Select(node => node.Hostname)));
        Assert.All(batches.SelectMany(batch => batch.Waves), wave => Assert.Single(wave.Select(node => RolloutPlanner.NodeStage(node.Desired!, roles, settings.Order)).Distinct()));
        var single = Assert.Single(all);
        Assert.Equal([0, 1, 2, 3], single.Waves.Select(wave => RolloutPlanner.NodeStage(wave[0].Desired!, roles, settings.Order)));
        Assert.Equal(["monitor"], single.Waves[3].Select(node => node.Hostname));
        // Not a restore: one wave per batch, as before.
        Assert.All(RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings), batch => Assert.Equal(batch.Nodes, Assert.Single(batch.Waves)));
    }

    [Fact]
    public void Role_stage_is_the_depth_of_its_requires_and_a_node_takes_its_latest_role()
    {
        var roles = TestFiles.SampleRoles();

        Assert.Equal(0, RolloutPlanner.RoleStage("antenna", roles, []));
        Assert.Equal(1, RolloutPlanner.RoleStage("proxy", roles, []));
        Assert.Equal(3, RolloutPlanner.RoleStage("monitor", roles, []));
        Assert.Equal(3, RolloutPlanner.NodeStage(new NodeSpec("portal", ["portal", "monitor"], "10.0.0.2", 1, 512, 4, null), roles, []));
    }

    [Fact]
    public void An_explicit_order_overrides_the_catalogue()
    {
        var roles = TestFiles.SampleRoles();
        var spec = EnvironmentConfigLoader.Load(TestFiles.Combine("config", "environments", "local.yaml"), roles);
        var settings = RolloutSettings.Default with { Order = ["portal", "proxy"], MaxUnavailable = new MaxUnavailable(2, false) };

        var batches = RolloutPlanner.Plan(AllReplaced(spec), spec.Nodes.Count, roles, settings);

        // proxy first; antenna and weather unlisted (after the listed roles); the portal node also runs the unlisted monitor: last.
        Assert.Equal(["proxy", "anc", "m000", "portal"], batches.SelectMany(batch => batch.Nodes).Select(node => node.Hostname));
    }

    [Fact]
    public void Kept_and_destroyed_nodes_are_not_in_any_batch()
    {
        var roles = TestFiles.SampleRoles();
        var spec = EnvironmentConfigLoader.Load(TestFiles.Combine("config", "environments", "local.yaml"), roles);
        var plan = new DeployPlan(spec.Name, "c", "h",
        [
            new PlannedNode("m000", NodeAction.Keep, "unchanged", spec.Nodes[0], "d0"),
            new PlannedNode("anc", NodeAction.Replace, "candidate", spec.Nodes[1], "d1"),
            new PlannedNode("proxy", NodeAction.Create, "new node", spec.Nodes[2], "d2"),
            new PlannedNode("old", NodeAction.Destroy, "gone", null, null),
        ], false);

        var batches = RolloutPlanner.Plan(plan, spec.Nodes.Count, roles, RolloutSettings.Default);

        Assert.Equal(["anc", "proxy"], batches.SelectMany(batch => batch.Nodes).Select(node => node.Hostname));
    }

    [Fact]
    public void The_rollout_section_is_read_and_an_environment_without_one_gets_the_defaults()
    {
        var settings = RolloutConfigReader.Parse("name: x\nrollout:\n  max_unavailable: 25%\n  order: [proxy]\n  health_timeout: 2m\n  pause: 5s\n  keep_previous: 2\n",
            "x.yaml", TestFiles.SampleRoles());

        Assert.Equal(new RolloutSettings(new MaxUnavailable(25, true), ["proxy"], TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), 2) with { Order = settings.Order }, settings);
        Assert.Equal(["proxy"], settings.Order);
        Assert.Same(RolloutSettings.Default, RolloutConfigReader.Parse("name: x\n", "x.yaml"));
    }

    [Theory]
    [InlineData("  max_unavailable: 0\n", "'max_unavailable' must be a node count of at least 1 or a percentage")]
    [InlineData("  max_unavailable: 150%\n", "'max_unavailable' must be")]
    [InlineData("  order: [proxy, dishwasher]\n", "'order' names role 'dishwasher', which is not in the role catalogue")]
    [InlineData("  health_timeout: 0\n", "'health_timeout' in rollout must be a duration")]
    [InlineData("  keep_previous: lots\n", "'keep_previous' in rollout must be an integer of at least 0")]
    [InlineData("  batch: 3\n", "unknown key 'batch' in rollout")]
    public void Rollout_problems_name_the_line(string body, string expected)
    {
        var exception = Assert.Throws<DeliveryConfigException>(() =>
            RolloutConfigReader.Parse("name: x\nrollout:\n" + body, "config/environments/x.yaml", TestFiles.SampleRoles()));

        var problem = Assert.Single(exception.Problems);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void The_environment_loader_accepts_the_rollout_section_and_it_does_not_change_the_configuration_hash()
    {
        var roles = TestFiles.SampleRoles();
        var text = File.ReadAllText(TestFiles.Combine("config", "environments", "local.yaml"));
        var without = text[..text.IndexOf("\nrollout:", StringComparison.Ordinal)] + "\n";

        var with = EnvironmentConfigLoader.Parse(text, "local.yaml", roles);
        var plain = EnvironmentConfigLoader.Parse(without, "local.yaml", roles);

        Assert.Equal(DeployDigests.ConfigHash(plain), DeployDigests.ConfigHash(with));
    }

    [Fact]
    public void The_journal_replaces_entries_by_hostname()
    {
        var journal = new RolloutJournal("e", "c", "h", DateTimeOffset.UnixEpoch, 1, [new JournalEntry("b", "1", "2", SwapPhase.Swapping)]);

        var next = journal.With([new JournalEntry("b", "1", "2", SwapPhase.Swapped), new JournalEntry("a", null, "3", SwapPhase.Swapping)]);

        Assert.Equal(["a", "b"], next.Entries.Select(entry => entry.Hostname));
        Assert.Equal(SwapPhase.Swapped, next.Entries[1].Phase);
    }

    private static DeployPlan AllReplaced(EnvironmentSpec spec) => new(spec.Name, "c", "h",
        spec.Nodes.Select(node => new PlannedNode(node.Hostname, NodeAction.Replace, "candidate", node, "d-" + node.Hostname)).ToList(), false);
}
