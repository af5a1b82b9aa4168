using CamBuild.Common;
using System.Diagnostics;
using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Tests;

/// <summary>The in-node path, through <see cref="LocalProcessNodeProviderTestDouble"/> (real local processes).</summary>
[Trait("Category", "integration")]
public sealed class NodeSuiteRunnerTests : IDisposable
{
    private readonly SuiteFixture fixture = new();
    private readonly LocalProcessNodeProviderTestDouble provider = new();

    public void Dispose() => fixture.Dispose();

    private string NodeWork => Path.Combine(fixture.Output.Path, "node-work");

    private SuiteRunner Runner(Suites.SuiteSet set) => new(set, new SuiteRunOptions(Path.Combine(fixture.Output.Path, "out"))
    {
        NodePython = SuiteFixture.Python,
        NodeSitePath = fixture.SiteFile,
        NodeWorkDirectory = NodeWork,
        VersionsFile = fixture.VersionsFile,
        NodeGrace = TimeSpan.FromSeconds(10),
    }, provider, SuiteFixture.Environment);

    [Fact]
    public async Task EachNodeRunGetsItsOwnResultAndStagedFiles()
    {
        var set = fixture.Suite("node", runsOn: "role:antenna", extra: "{node}", forEach: true);

        var run = await Runner(set).RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None);

        Assert.True(run.Passed);
        Assert.Equal(["fake-node@m000", "fake-node@m001"], run.Suites.Select(suite => suite.Name));
        Assert.Equal(["test_on_m000"], run.Suites[0].JUnit.Cases.Select(testCase => testCase.Name));
        Assert.Equal(["test_on_m001"], run.Suites[1].JUnit.Cases.Select(testCase => testCase.Name));
        Assert.True(File.Exists(Path.Combine(fixture.Output.Path, "out", "fake-node@m001", "reports", "junit.xml")));
        Assert.Contains(provider.Executed, call => call.Node == "m001" && call.Command[0] == "cat");
        Assert.Empty(Directory.EnumerateFiles(NodeWork, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TheNodeRunsOfAnIntegrationSuiteRunSideBySideAndOfAnAcceptanceSuiteOneAfterAnother()
    {
        var integration = fixture.Suite("pause", runsOn: "role:antenna", forEach: true);
        var acceptance = fixture.Suite("pause", runsOn: "role:antenna", forEach: true, kind: "acceptance");

        var together = (await Runner(integration).RunAllAsync(SuitePlanner.Plan(integration, SuiteFixture.Environment), CancellationToken.None)).Suites;
        var apart = (await Runner(acceptance).RunAllAsync(SuitePlanner.Plan(acceptance, SuiteFixture.Environment), CancellationToken.None)).Suites;

        // Each run sleeps 1.5 s: side by side the second starts before the first ends; one after another it cannot.
        Assert.Equal(["fake-pause@m000", "fake-pause@m001"], together.Select(suite => suite.Name));
        Assert.True(Overlap(together[0], together[1]), "the two node runs of the integration suite did not overlap");
        Assert.Equal(["fake-pause@m000", "fake-pause@m001"], apart.Select(suite => suite.Name));
        Assert.False(Overlap(apart[0], apart[1]), "the two node runs of the acceptance suite overlapped");
        Assert.All(together.Concat(apart), suite => Assert.True(suite.Passed));
    }

    private static bool Overlap(SuiteResult first, SuiteResult second) =>
        first.Started < second.Started.AddSeconds(second.Seconds) && second.Started < first.Started.AddSeconds(first.Seconds);

    [Fact]
    public async Task ExpectedVersionsAreStagedIntoTheNode()
    {
        var set = fixture.Suite("versions", runsOn: "role:portal", extra: "{versions}");

        var result = Assert.Single((await Runner(set).RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None)).Suites);

        Assert.Equal("portal", result.Invocation.Where);
        Assert.Equal(["test_katcore", "test_katproxy"], result.JUnit.Cases.Select(testCase => testCase.Name));
    }

    [Fact]
    public async Task FailuresInANodeAreReported()
    {
        var set = fixture.Suite("fail", runsOn: "role:portal");

        var result = Assert.Single((await Runner(set).RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None)).Suites);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fake.Suite.test_two", Assert.Single(result.JUnit.Failures).FullName);
        Assert.Contains("to stderr fail", File.ReadAllText(result.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeoutInsideTheNodeKeepsTheOutput()
    {
        var set = fixture.Suite("sleep", runsOn: "role:portal", timeout: "2s");
        var clock = Stopwatch.StartNew();

        var result = Assert.Single((await Runner(set).RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None)).Suites);

        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 20);
        Assert.True(result.TimedOut);
        var failure = Assert.Single(result.JUnit.Failures);
        Assert.Equal("timeout", failure.Name);
        Assert.Contains("starting sleep", failure.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingJUnitInsideTheNodeFails()
    {
        var set = fixture.Suite("nojunit", runsOn: "role:portal");

        var result = Assert.Single((await Runner(set).RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None)).Suites);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("crashed before writing junit", Assert.Single(result.JUnit.Failures).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeSuitesNeedAProvider()
    {
        var set = fixture.Suite("pass", runsOn: "role:portal");
        var runner = new SuiteRunner(set, new SuiteRunOptions(fixture.Output.Path) { VersionsFile = fixture.VersionsFile });

        var error = await Assert.ThrowsAsync<InputException>(() =>
            runner.RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None));

        Assert.Contains("needs a node provider and environment (it runs inside node portal)", error.Message, StringComparison.Ordinal);
    }
}
