using CamBuild.Common;
using System.Diagnostics;
using CamBuild.Qualification.JUnit;
using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Tests;

/// <summary>Suites as real host processes (Debian's python3), each bounded in time.</summary>
[Trait("Category", "integration")]
public sealed class HostSuiteRunnerTests : IDisposable
{
    private readonly SuiteFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private SuiteRunOptions Options => new(fixture.Output.Path)
    {
        HostPython = SuiteFixture.Python,
        HostSitePath = fixture.SiteFile,
        VersionsFile = fixture.VersionsFile,
    };

    private async Task<SuiteResult> RunAsync(string mode, string timeout = "30s")
    {
        var set = fixture.Suite(mode, timeout: timeout);
        var runner = new SuiteRunner(set, Options);
        return await runner.RunAsync(SuitePlanner.Plan(set, SuiteFixture.Environment).Single(), CancellationToken.None);
    }

    [Fact]
    public async Task PassingSuiteKeepsItsJUnitAndLog()
    {
        var result = await RunAsync("pass");

        Assert.True(result.Passed);
        Assert.Equal((0, false), (result.ExitCode, result.TimedOut));
        Assert.Equal((2, 0), (result.JUnit.Passed, result.JUnit.Failed));
        Assert.Equal(Path.Combine(fixture.Output.Path, "fake-pass", "reports", "junit.xml"), result.JUnitPath);
        var log = File.ReadAllText(result.LogPath);
        Assert.Contains("starting pass\n", log, StringComparison.Ordinal);
        Assert.Contains("to stderr pass\n", log, StringComparison.Ordinal);
        Assert.EndsWith("exit code 0 after " + result.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingTestIsNamedWithItsMessage()
    {
        var result = await RunAsync("fail");

        Assert.False(result.Passed);
        Assert.Equal(1, result.ExitCode);
        var failure = Assert.Single(result.JUnit.Failures);
        Assert.Equal("fake.Suite.test_two", failure.FullName);
        var outcome = result.ToOutcome(fixture.Output.Path);
        Assert.Equal(["fake.Suite.test_two: AssertionError: test_two broke"], outcome.Failures);
        Assert.Equal("fake-fail/reports/junit.xml", outcome.JUnit);
        Assert.Equal((1, 1, 0), (outcome.Passed, outcome.Failed, outcome.Skipped));
    }

    [Fact]
    public async Task TimeoutKillsTheSuiteAndFailsItWithItsLastOutput()
    {
        var clock = Stopwatch.StartNew();
        var result = await RunAsync("sleep", timeout: "2s");

        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 20);
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        var failure = Assert.Single(result.JUnit.Failures);
        Assert.Equal("cambuild.fake-sleep.timeout", failure.FullName);
        Assert.Equal("did not finish within 2 s and was killed", failure.Message);
        Assert.Contains("starting sleep", failure.Details, StringComparison.Ordinal);
        Assert.Equal(result.JUnit.Cases, JUnitParser.ParseFile(result.JUnitPath).Cases);
    }

    [Fact]
    public async Task ChildThatKeepsTheOutputOpenIsNotATimeout()
    {
        using var root = new TempDirectory();
        var set = Suites.SuiteLoader.Parse("""
            suites:
              - {name: orphan, kind: integration, runs_on: host, command: [sh, -c, "sleep 15 & echo parent done"], timeout: 2s, junit: j.xml}
            """, "suites.yaml", root.Path);
        var clock = Stopwatch.StartNew();

        var result = await new SuiteRunner(set, Options).RunAsync(SuitePlanner.Plan(set, SuiteFixture.Environment).Single(), CancellationToken.None);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 12);
        Assert.False(result.TimedOut);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("parent done", Assert.Single(result.JUnit.Failures).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStopsTheSuiteProcess()
    {
        var set = fixture.Suite("sleep", timeout: "1m");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SuiteRunner(set, Options).RunAsync(SuitePlanner.Plan(set, SuiteFixture.Environment).Single(), cancel.Token));

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 15);
    }

    [Fact]
    public async Task MissingJUnitBecomesASyntheticFailure()
    {
        var result = await RunAsync("nojunit");

        Assert.Equal(3, result.ExitCode);
        var failure = Assert.Single(result.JUnit.Failures);
        Assert.Equal("cambuild.fake-nojunit.junit", failure.FullName);
        Assert.Contains("wrote no JUnit XML", failure.Message, StringComparison.Ordinal);
        Assert.Contains("crashed before writing junit", failure.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableJUnitBecomesASyntheticFailure()
    {
        var result = await RunAsync("garbage");

        var failure = Assert.Single(result.JUnit.Failures);
        Assert.Contains("unreadable JUnit XML", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonZeroExitWithoutFailingTestsStillFails()
    {
        var result = await RunAsync("exit2");

        Assert.False(result.Passed);
        Assert.Equal(2, result.JUnit.Passed);
        Assert.Equal("exited with code 2 although no test failed", Assert.Single(result.JUnit.Failures).Message);
    }

    [Fact]
    public async Task ProgramThatCannotStartFails()
    {
        var set = fixture.Suite("pass");
        var runner = new SuiteRunner(set, Options with { HostPython = "/nonexistent/python" });

        var result = await runner.RunAsync(SuitePlanner.Plan(set, SuiteFixture.Environment).Single(), CancellationToken.None);

        Assert.Null(result.ExitCode);
        Assert.Contains("cannot start '/nonexistent/python'", Assert.Single(result.JUnit.Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInputsAreRefusedBeforeAnythingRuns()
    {
        var set = fixture.Suite("pass");
        var runner = new SuiteRunner(set, new SuiteRunOptions(fixture.Output.Path));

        var error = await Assert.ThrowsAsync<InputException>(() =>
            runner.RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None));

        Assert.StartsWith("suites.yaml:2:5: suite 'fake-pass' needs {python} on the host: SuiteRunOptions.HostPython", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fixture.Output.Path, "fake-pass")));
    }

    [Fact]
    public async Task RunAllMergesEverySuite()
    {
        var pass = fixture.Suite("pass");
        var fail = fixture.Suite("fail");
        var runner = new SuiteRunner(pass, Options);
        var invocations = SuitePlanner.Plan(pass, SuiteFixture.Environment).Concat(SuitePlanner.Plan(fail, SuiteFixture.Environment)).ToList();

        var run = await runner.RunAllAsync(invocations, CancellationToken.None);

        Assert.False(run.Passed);
        Assert.Equal(Path.Combine(fixture.Output.Path, JUnitMerger.MergedFileName), run.MergedJUnitPath);
        var merged = JUnitParser.ParseFile(run.MergedJUnitPath);
        Assert.Equal((3, 1), (merged.Passed, merged.Failed));
        Assert.Equal(["fake-pass/fake", "fake-fail/fake"], merged.Cases.Select(testCase => testCase.TestSuite).Distinct());
        Assert.Equal(2, run.Outcomes(fixture.Output.Path).Count);
    }
}
