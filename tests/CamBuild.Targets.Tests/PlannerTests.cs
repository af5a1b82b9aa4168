using CamBuild.Targets.Tests.Support;
using static CamBuild.Targets.Tests.Support.Graphs;

namespace CamBuild.Targets.Tests;

public class PlannerTests
{
    private static readonly TargetSpec[] Pipeline =
    [
        T("Promote", t => t with { DependsOn = ["Qualify"] }),
        T("Qualify", t => t with { DependsOn = ["DeployEnvironment"] }),
        T("DeployEnvironment", t => t with { DependsOn = ["BakeCandidate"] }),
        T("BakeCandidate", t => t with { DependsOn = ["Pin"] }),
        T("Pin", t => t with { DependsOn = ["ResolveLeaves"] }),
        T("ResolveLeaves"),
    ];

    [Fact]
    public void Dependencies_are_pulled_in_and_ordered_first() =>
        Assert.Equal(["ResolveLeaves", "Pin", "BakeCandidate", "DeployEnvironment", "Qualify"], Order(Pipeline, "Qualify"));

    [Fact]
    public void Names_ignore_case_and_hyphens() =>
        Assert.Equal(["ResolveLeaves", "Pin"], Order(Pipeline, "pin").ToList().Concat(Order(Pipeline, "resolve-leaves")).Distinct());

    [Fact]
    public void Unrelated_targets_are_not_planned() =>
        Assert.Equal(["ResolveLeaves"], Order(Pipeline, "ResolveLeaves"));

    [Fact]
    public void DependentFor_is_the_same_edge_from_the_other_end()
    {
        var targets = new[] { T("Compile"), T("Restore", t => t with { DependentFor = ["Compile"] }) };
        Assert.Equal(["Restore", "Compile"], Order(targets, "Compile"));
    }

    [Fact]
    public void Ties_follow_declaration_order_deterministically()
    {
        var targets = new[] { T("All", t => t with { DependsOn = ["C", "A", "B"] }), T("B"), T("C"), T("A") };
        Assert.Equal(["B", "C", "A", "All"], Order(targets, "All"));
    }

    [Fact]
    public void After_and_Before_only_order_and_never_pull_in()
    {
        var targets = new[]
        {
            T("Clean", t => t with { Before = ["Restore"] }),
            T("Restore"),
            T("Pack", t => t with { After = ["Test"] }),
            T("Test"),
        };
        Assert.Equal(["Restore"], Order(targets, "Restore"));
        Assert.Equal(["Clean", "Restore"], Order(targets, "Restore", "Clean"));
        Assert.Equal(["Test", "Pack"], Order(targets, "Pack", "Test"));
    }

    [Fact]
    public void Triggers_add_targets_after_the_trigger_and_chains_are_followed()
    {
        var targets = new[]
        {
            T("Deploy", t => t with { Triggers = ["Notify"] }),
            T("Notify", t => t with { Triggers = ["Archive"] }),
            T("Archive"),
            T("Audit", t => t with { TriggeredBy = ["Deploy"] }),
        };
        Assert.Equal(["Deploy", "Notify", "Archive", "Audit"], Order(targets, "Deploy"));
    }

    [Fact]
    public void Cycles_are_reported_with_their_members()
    {
        var targets = new[] { T("A", t => t with { DependsOn = ["B"], Triggers = ["C"] }), T("B", t => t with { After = ["C"] }), T("C"), T("D") };
        var e = Assert.Throws<BuildUsageException>(() => Plan(targets, "D"));
        Assert.Contains("Circular dependencies", e.Message, StringComparison.Ordinal);
        Assert.Contains("A <-> B <-> C", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_dependency_is_a_cycle() =>
        Assert.Throws<BuildUsageException>(() => Plan([T("A", t => t with { DependsOn = ["A"] })], "A"));

    [Fact]
    public void Unknown_invoked_target_lists_the_available_ones()
    {
        var e = Assert.Throws<BuildUsageException>(() => Plan(Pipeline, "Qualfy"));
        Assert.Contains("Unknown target 'Qualfy'", e.Message, StringComparison.Ordinal);
        Assert.Contains("ResolveLeaves", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_reference_names_the_target_and_edge()
    {
        var e = Assert.Throws<BuildUsageException>(() => Plan([T("A", t => t with { After = ["Nope"] })], "A"));
        Assert.Equal("Target 'A' refers in After to unknown target 'Nope'.", e.Message);
    }

    [Fact]
    public void Duplicate_names_after_normalisation_are_rejected() =>
        Assert.Throws<BuildUsageException>(() => Plan([T("ResolveLeaves"), T("Resolve-Leaves")], "ResolveLeaves"));

    [Fact]
    public void Defaults_are_used_when_nothing_is_invoked()
    {
        var plan = CamBuild.Targets.Planning.ExecutionPlanner.Plan(new CamBuild.Targets.Planning.TargetGraph(Pipeline), [], ["Pin"]);
        Assert.Equal(["ResolveLeaves", "Pin"], plan.Targets.Select(t => t.Name));
        Assert.Contains("Pin", plan.Invoked);
    }

    [Fact]
    public void Plan_text_snapshot() =>
        Snapshot.Match("plan-qualify.txt", CamBuild.Targets.Output.PlanText.Render(Plan(Pipeline, "Qualify")));

    [Fact]
    public void Plan_mermaid_snapshot()
    {
        var targets = new[]
        {
            T("Test", t => t with { DependsOn = ["Compile"], Triggers = ["Report"] }),
            T("Compile", t => t with { After = ["Clean"] }),
            T("Clean"),
            T("Report", t => t with { Unlisted = true }),
        };
        Snapshot.Match("plan-mermaid.txt", CamBuild.Targets.Output.PlanText.Mermaid(Plan(targets, "Test")));
    }
}
