using CamBuild.Qualification.Running;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

/// <summary>
/// The shipped suites.yaml with the real samples/acceptance/run.py, through the in-node path of
/// <see cref="LocalProcessNodeProviderTestDouble"/>. Debian's python3 has no katuilib, so every test module fails to
/// import: this proves staging, placeholders, run.py's own JUnit, reading it back and naming failures, not the system.
/// </summary>
[Trait("Category", "integration")]
public sealed class ShippedSuitesTests
{
    [Fact]
    public async Task RealAcceptanceRunnerReportsItsFailuresThroughTheNodePath()
    {
        using var output = new TempDirectory();
        var set = SuiteLoader.Load(Path.Combine(RepositoryRoot.Path, SuiteLoader.DefaultPath), RepositoryRoot.Path);
        var versions = output.Write("versions.json", "{\"katcore\": \"1.0.0\"}");
        var runner = new SuiteRunner(set, new SuiteRunOptions(Path.Combine(output.Path, "out"))
        {
            NodePython = SuiteFixture.Python,
            NodeSitePath = Path.Combine(RepositoryRoot.Path, "samples/site/example-site.json"),
            NodeWorkDirectory = Path.Combine(output.Path, "node-work"),
            VersionsFile = versions,
        }, new LocalProcessNodeProviderTestDouble(), SuiteFixture.Environment);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var plan = SuitePlanner.Plan(set, SuiteFixture.Environment).Where(invocation => invocation.Name is "node-health@m000" or "system").ToList();
        var run = await runner.RunAllAsync(plan, bound.Token);

        Assert.False(run.Passed);
        Assert.All(run.Suites, suite => Assert.Equal(1, suite.ExitCode));
        var system = run.Suites.Single(suite => suite.Name == "system");
        Assert.Contains(system.JUnit.Failures, failure => failure.Name == "test_sensors" && failure.Details.Contains("katconf", StringComparison.Ordinal));
        Assert.Contains("acceptance-system", File.ReadAllText(system.JUnitPath), StringComparison.Ordinal);
        var health = run.Suites.Single(suite => suite.Name == "node-health@m000");
        Assert.Contains(health.JUnit.Failures, failure => failure.Name == "test_health");
        Assert.Contains("--node m000", File.ReadAllText(health.LogPath).Split('\n')[0], StringComparison.Ordinal);
    }
}
