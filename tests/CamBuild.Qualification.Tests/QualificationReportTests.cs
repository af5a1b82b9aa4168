using System.Text.RegularExpressions;
using System.Xml.Linq;
using CamBuild.Qualification.Reporting;
using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Tests;

public sealed class QualificationReportTests
{
    private static QualificationReportModel FailedModel() => new(
        QualificationStoreTests.Record(passed: false),
        [
            new TargetTiming("ResolveLeaves", "Succeeded", TimeSpan.Zero, TimeSpan.FromSeconds(1.2)),
            new TargetTiming("Pin", "Cached", TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(0.1)),
            new TargetTiming("BakeCandidate", "Succeeded", TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(48)),
            new TargetTiming("DeployEnvironment", "Succeeded", TimeSpan.FromSeconds(49.3), TimeSpan.FromSeconds(20.5)),
            new TargetTiming("Qualify", "Failed", TimeSpan.FromSeconds(69.8), TimeSpan.FromSeconds(75)),
            new TargetTiming("Promote", "Skipped", TimeSpan.FromSeconds(144.8), TimeSpan.Zero),
        ],
        [
            new ReportSuite("node-health@m000", "integration", "m000", 2, 0, 0, TimeSpan.Zero, 3.25,
                "suites/node-health@m000/health.xml", "suites/node-health@m000/output.log", []),
            new ReportSuite("system", "acceptance", "portal", 4, 1, 1, TimeSpan.FromSeconds(3.5), 61.5,
                "suites/system/system.xml", "suites/system/output.log",
                [new ReportFailure("test_commands.CommandTests.test_forward", "AssertionError: m000.target-az stayed 0 <> 30",
                    "Traceback (most recent call last):\n  File \"test_commands.py\", line 40\nAssertionError: m000.target-az stayed 0 <> 30")]),
        ],
        "qualification.junit.xml",
        [new ReportLink("DeployEnvironment log", "../logs/DeployEnvironment.log")]);

    [Fact]
    public void HtmlReportMatchesSnapshot() => Snapshot.Match("report-failed.html", QualificationReport.RenderHtml(FailedModel()));

    [Fact]
    public void TextSummaryMatchesSnapshot() => Snapshot.Match("summary-failed.txt", QualificationSummary.Render(FailedModel()));

    [Fact]
    public void HtmlIsSelfContainedAndWellFormed()
    {
        var html = QualificationReport.RenderHtml(FailedModel());

        Assert.DoesNotMatch(new Regex("<script|<link|<img|@import|url\\(", RegexOptions.IgnoreCase), html);
        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(html, "https?://[^\"<> ]+").Select(match => match.Value).Distinct());
        var svgs = Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(match => XElement.Parse(match.Value)).ToList();
        Assert.Equal(2, svgs.Count);
        Assert.Equal(6, svgs[0].Elements().Count(element => element.Name.LocalName == "rect"));
        Assert.Contains("&lt;&gt; 30", html, StringComparison.Ordinal);
        Assert.Contains("href=\"suites/node-health%40m000/health.xml\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"../logs/DeployEnvironment.log\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryOfAPassedQualificationHasNoFailingSection()
    {
        var model = FailedModel() with
        {
            Record = QualificationStoreTests.Record(passed: true),
            Suites = [FailedModel().Suites[0]],
        };

        var text = QualificationSummary.Render(model);

        Assert.StartsWith("Qualification PASSED: cam_1.0.0-cccccccccccc_amd64.tar.zst on environment 'qualify-3f2a9c1d'\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Failing tests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelFromARealRunLinksRelativeToTheReport()
    {
        using var fixture = new SuiteFixture();
        var set = fixture.Suite("fail");
        var output = Path.Combine(fixture.Output.Path, "qualification");
        var runner = new SuiteRunner(set, new SuiteRunOptions(Path.Combine(output, "suites")) { HostPython = SuiteFixture.Python });
        var run = await runner.RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None);

        var model = QualificationReportModel.Create(QualificationStoreTests.Record(passed: run.Passed), [], run, output);
        var path = QualificationReport.Write(Path.Combine(output, QualificationReport.FileName), model);

        var suite = Assert.Single(model.Suites);
        Assert.Equal("suites/fake-fail/reports/junit.xml", suite.JUnitLink);
        Assert.Equal("suites/fake-fail/output.log", suite.LogLink);
        Assert.Equal("suites/qualification.junit.xml", model.MergedJUnitLink);
        Assert.Equal("fake.Suite.test_two", Assert.Single(suite.Failures).Test);
        Assert.Contains("fake.Suite.test_two - AssertionError: test_two broke", QualificationSummary.Render(model), StringComparison.Ordinal);
        Assert.Contains("No target timings.", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
