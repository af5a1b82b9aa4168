namespace CamBuild.CI.Tests;

public sealed class CiTargetGraphTests
{
    [Fact]
    public void Closure_and_execution_order_follow_dependencies_then_declaration_order()
    {
        var graph = new CiTargetGraph(
        [
            new CiTarget("Zeta"),
            new CiTarget("Alpha") { DependsOn = ["Zeta"] },
            new CiTarget("Mid"),
            new CiTarget("Top") { DependsOn = ["Mid", "Alpha"] },
        ]);

        Assert.Equal(["Zeta", "Alpha", "Mid", "Top"], graph.InExecutionOrder(graph.Closure(["top"])));
        Assert.Equal(new HashSet<string> { "Zeta", "Alpha" }, graph.Closure(["Alpha"]).ToHashSet());
    }

    [Fact]
    public void After_orders_targets_invoked_together_but_never_pulls_one_in()
    {
        var graph = new CiTargetGraph(
        [
            new CiTarget("Dashboard") { After = ["Deliver", "Promote"] },
            new CiTarget("Deliver") { After = ["Promote"] },
            new CiTarget("Promote") { DependsOn = ["Qualify"] },
            new CiTarget("Qualify"),
        ]);

        Assert.Equal(["Promote", "Deliver", "Dashboard"], graph.InExecutionOrder(["Dashboard", "Deliver", "Promote"]));
        Assert.Equal(["Dashboard"], graph.Closure(["Dashboard"]));
        Assert.Equal(["Deliver", "Dashboard"], graph.InExecutionOrder(["Dashboard", "Deliver"]));
        var unknown = Assert.Throws<CiConfigurationException>(() => new CiTargetGraph([new CiTarget("Dashboard") { After = ["Site"] }]));
        Assert.Contains("runs after unknown target 'Site'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_are_rejected_with_the_path()
    {
        var error = Assert.Throws<CiConfigurationException>(() => new CiTargetGraph(
        [
            new CiTarget("A") { DependsOn = ["B"] },
            new CiTarget("B") { DependsOn = ["C"] },
            new CiTarget("C") { DependsOn = ["A"] },
        ]));

        Assert.Contains("A -> B -> C -> A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_dependencies_duplicates_and_bad_names_are_rejected()
    {
        Assert.Contains("unknown target 'Ghost'", Assert.Throws<CiConfigurationException>(() => new CiTargetGraph([new CiTarget("A") { DependsOn = ["Ghost"] }])).Message, StringComparison.Ordinal);
        Assert.Contains("declared twice", Assert.Throws<CiConfigurationException>(() => new CiTargetGraph([new CiTarget("A"), new CiTarget("a")])).Message, StringComparison.Ordinal);
        Assert.Contains("must start with a letter", Assert.Throws<CiConfigurationException>(() => new CiTargetGraph([new CiTarget("rm -rf")])).Message, StringComparison.Ordinal);
    }
}
