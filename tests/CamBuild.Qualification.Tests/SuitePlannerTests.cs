using CamBuild.Qualification.Running;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

public sealed class SuitePlannerTests
{
    [Fact]
    public void ShippedSuitesRunOnEveryNodeAndOnThePortal()
    {
        var set = SuiteLoader.Load(Path.Combine(RepositoryRoot.Path, SuiteLoader.DefaultPath), RepositoryRoot.Path);

        var plan = SuitePlanner.Plan(set, SuiteFixture.Environment);

        Assert.Equal(["node-health@m000", "node-health@m001", "node-health@portal", "system", "recovery"], plan.Select(invocation => invocation.Name));
        Assert.Equal("portal", plan[^2].Where);
        Assert.Equal("m000", plan[^1].Where);
    }

    [Fact]
    public void RoleRunsOnTheFirstNodeUnlessForEachNode()
    {
        using var fixture = new SuiteFixture();

        var first = SuitePlanner.Plan(fixture.Suite("pass", runsOn: "role:antenna"), SuiteFixture.Environment);
        var each = SuitePlanner.Plan(fixture.Suite("pass", runsOn: "role:antenna", forEach: true), SuiteFixture.Environment);
        var monitor = SuitePlanner.Plan(fixture.Suite("pass", runsOn: "role:monitor"), SuiteFixture.Environment);
        var host = SuitePlanner.Plan(fixture.Suite("pass"), SuiteFixture.Environment);

        Assert.Equal(["m000"], first.Select(invocation => invocation.Where));
        Assert.Equal("fake-pass", first[0].Name);
        Assert.Equal(["m000", "m001"], each.Select(invocation => invocation.Where));
        Assert.Equal(["portal"], monitor.Select(invocation => invocation.Where));
        Assert.Equal(["host"], host.Select(invocation => invocation.Where));
        Assert.Null(host[0].Node);
    }

    [Fact]
    public void RoleWithoutANodeIsAConfigurationError()
    {
        using var fixture = new SuiteFixture();

        var error = Assert.Throws<SuiteConfigurationException>(() =>
            SuitePlanner.Plan(fixture.Suite("pass", runsOn: "role:weather"), SuiteFixture.Environment));

        Assert.Equal("suites.yaml: 1 problem in the qualification suites:\n  suites.yaml:2:5: suite 'fake-pass' runs on role 'weather' but no node " +
            "of environment 'qual-test' has it; add the role to a node of the environment or change the suite's runs_on", error.Message);
    }
}
