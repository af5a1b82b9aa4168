using CamBuild.Dashboard.Pages;
using CamBuild.Dashboard.Site;
using CamBuild.Dashboard.Tests.Support;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Dashboard.Tests;

/// <summary>The HTML of the fixture state, page by page, against the checked-in snapshots (Snapshots/*.html).</summary>
public sealed class SiteSnapshotTests
{
    [Fact]
    public void The_pages_of_the_fixture_state_match_their_snapshots()
    {
        using var fixture = new DashboardFixture();
        var (_, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        Snapshot.Match("index.html", content.Text(ChannelsPage.File));
        Snapshot.Match("channel-staging.html", content.Text(ChannelPage.FileOf("staging")));
        Snapshot.Match("release-second-staging.html", content.Text(ReleasePage.FileOf(fixture.R2.Release)));
        Snapshot.Match("notes-second-staging.html", content.Text($"notes/{fixture.R1.Release}..{fixture.R2.Release}.html"));
        Snapshot.Match("environment-local.html", content.Text(EnvironmentPage.FileOf("local")));
        Snapshot.Match("candidates.html", content.Text(CandidatesPage.File));
    }

    [Fact]
    public void The_site_holds_every_page_and_the_qualification_report_copies()
    {
        using var fixture = new DashboardFixture();
        var (_, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        var report = $"qualifications/{fixture.A.Id[..12]}-{fixture.ConfigurationA[..12]}-{fixture.Suites[..12]}/report.html";
        Assert.Equal(
        [
            "candidates.html", "channels/production.html", "channels/staging.html", "environments.html", "environments/cam.html", "environments/local.html",
            "index.html", $"notes/{fixture.R1.Release}..{fixture.R2.Release}.html", $"notes/{fixture.R1.Release}..{fixture.R2.Release}.md",
        ], content.Files.Keys.Where(k => !k.StartsWith("qualifications/", StringComparison.Ordinal) && !k.StartsWith("releases/", StringComparison.Ordinal)));
        Assert.Equal([ReleasePage.FileOf(fixture.P1.Release), ReleasePage.FileOf(fixture.R1.Release), ReleasePage.FileOf(fixture.R2.Release)],
            content.Files.Keys.Where(k => k.StartsWith("releases/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(report, content.Files.Keys);
        Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.Paths.Reports, $"{fixture.A.Id[..12]}-local", "report.html")), content.Files[report]);
        Assert.Contains(report.Replace("report.html", "acceptance.log", StringComparison.Ordinal), content.Files.Keys);
    }

    [Fact]
    public void No_page_refers_to_anything_outside_the_site()
    {
        using var fixture = new DashboardFixture();
        var (_, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        foreach (var (path, _) in content.Files.Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal) && !f.Key.StartsWith("qualifications/", StringComparison.Ordinal)))
        {
            var html = content.Text(path);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(fixture.Root, html, StringComparison.Ordinal);
            foreach (var href in Links(html))
            {
                Assert.DoesNotContain("://", href, StringComparison.Ordinal);
                var target = Path.GetFullPath(Path.Combine("/site", Path.GetDirectoryName(path) ?? "", Uri.UnescapeDataString(href.Split('#')[0])));
                Assert.True(content.Files.ContainsKey(Path.GetRelativePath("/site", target)), $"{path}: link {href} points to no file of the site");
            }
        }
    }

    internal static IEnumerable<string> Links(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));
}
