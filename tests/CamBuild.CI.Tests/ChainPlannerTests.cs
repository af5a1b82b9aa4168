namespace CamBuild.CI.Tests;

public sealed class ChainPlannerTests
{
    // Restore <- Compile <- Test, Compile <- Pack <- Publish; Test and Pack both feed Publish.
    private static readonly CiTargetGraph Graph = new(
    [
        new CiTarget("Restore"),
        new CiTarget("Compile") { DependsOn = ["Restore"] },
        new CiTarget("Test") { DependsOn = ["Compile"] },
        new CiTarget("Pack") { DependsOn = ["Compile"] },
        new CiTarget("Publish") { DependsOn = ["Test", "Pack"] },
    ]);

    [Fact]
    public void Downstream_units_skip_everything_upstream_units_ran_including_unowned_dependencies()
    {
        var plans = ChainPlanner.Plan(Graph, [("build", ["Compile"]), ("test", ["Test"]), ("pack", ["Pack"]), ("publish", ["Publish"])], "test");

        Assert.Equal(["Restore", "Compile"], plans[0].Executed);
        Assert.Equal(["Test"], plans[1].Executed);
        Assert.Equal(["Restore", "Compile"], plans[1].Skipped);
        Assert.Equal("./build.sh Publish --skip Restore Compile Test Pack", plans[3].Command("./build.sh"));
        Assert.Equal(["Publish"], plans[3].Executed);
    }

    [Fact]
    public void Needs_are_the_transitive_reduction_of_the_upstream_units()
    {
        var plans = ChainPlanner.Plan(Graph, [("build", ["Compile"]), ("test", ["Test"]), ("pack", ["Pack"]), ("publish", ["Publish"])], "test");

        Assert.Equal(["build", "test", "pack"], plans[3].Upstream);
        Assert.Equal(["test", "pack"], plans[3].Needs);
        Assert.Equal(["build"], plans[1].Needs);
        Assert.Empty(plans[0].Needs);
    }

    [Fact]
    public void A_unit_without_upstream_runs_its_whole_plan_without_skip()
    {
        var plan = Assert.Single(ChainPlanner.Plan(Graph, [("all", ["Publish"])], "test"));

        Assert.Equal(["Restore", "Compile", "Test", "Pack", "Publish"], plan.Executed);
        Assert.Equal("./build.sh Publish", plan.Command("./build.sh"));
    }

    [Fact]
    public void Units_that_need_each_others_targets_are_rejected_with_both_names()
    {
        var error = Assert.Throws<CiConfigurationException>(() =>
            ChainPlanner.Plan(Graph, [("a", ["Restore", "Test"]), ("b", ["Compile"])], "workflow 'ci'"));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("need each other's targets", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nope", "unknown target 'Nope'")]
    [InlineData("Compile", "invoked by both 'x' and 'y'")]
    public void Bad_unit_targets_are_rejected(string secondTarget, string expected)
    {
        var error = Assert.Throws<CiConfigurationException>(() =>
            ChainPlanner.Plan(Graph, [("x", ["Compile"]), ("y", [secondTarget])], "workflow 'ci'"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("workflow 'ci'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_empty_units_are_rejected()
    {
        Assert.Contains("declared twice", Assert.Throws<CiConfigurationException>(() => ChainPlanner.Plan(Graph, [("x", ["Test"]), ("x", ["Pack"])], "w")).Message, StringComparison.Ordinal);
        Assert.Contains("no targets", Assert.Throws<CiConfigurationException>(() => ChainPlanner.Plan(Graph, [("x", [])], "w")).Message, StringComparison.Ordinal);
    }
}
