using System.Text.RegularExpressions;
using CamBuild.Dashboard.Tests.Support;
using CamBuild.Pipeline.Steps;
using Microsoft.Playwright;

namespace CamBuild.Dashboard.Tests;

/// <summary>
/// The generated site of the fixture state opened in Debian's headless Chromium (/usr/bin/chromium, installed by
/// Prerequisites) through Playwright: links followed from a channel to a release, to its qualification report and to
/// its release notes; what each page shows checked against the records; no console error; every request the pages make
/// stays inside the site folder. Saves docs/screenshots/channels.png and release.png.
/// </summary>
[Trait("Category", "integration")]
public sealed partial class BrowserTests : IAsyncLifetime, IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly DashboardFixture _fixture = new();
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    private string Site => _fixture.Paths.Site;

    private IPage Page => _page ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./build.sh Prerequisites (installs Debian's chromium)");
        DashboardSite.Write(DashboardStep.Sources(_fixture.Paths), Site);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = false,   // the site must be readable without scripts
        });
        // Anything that is not a file of the site (http, https, ws, data fetched from elsewhere) is refused and remembered.
        await context.RouteAsync(url => !url.StartsWith("file://", StringComparison.Ordinal), async route =>
        {
            lock (_requests) _requests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        _page = await context.NewPageAsync();
        _page.Request += (_, request) => { lock (_requests) _requests.Add(request.Url); };
        _page.Console += (_, message) => { if (message.Type is "error" or "warning") lock (_errors) _errors.Add($"{message.Type}: {message.Text}"); };
        _page.PageError += (_, error) => { lock (_errors) _errors.Add("page error: " + error); };
        _page.RequestFailed += (_, request) => { lock (_errors) _errors.Add($"request failed: {request.Url} ({request.Failure})"); };
    }

    [Fact]
    public async Task Channel_to_release_to_qualification_report_and_release_notes()
    {
        var r1 = _fixture.R1.Release;
        var r2 = _fixture.R2.Release;

        // The channels side by side, as recorded.
        await Page.GotoAsync(Url("index.html"));
        Assert.Equal("Channels · CamBuild releases", await Page.TitleAsync());
        Assert.Equal(["staging", "production"], await Page.Locator("section.channel h2").AllInnerTextsAsync());
        var staging = Page.Locator("#channel-staging");
        Assert.Equal(r1, await staging.Locator("a.current").InnerTextAsync());   // the rollback made the first release current again
        Assert.Contains("(a rollback)", await staging.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(_fixture.P1.Release, await Page.Locator("#channel-production a.current").InnerTextAsync());
        Assert.Contains("soaked 24h", await Page.Locator("#channel-production .gates").InnerTextAsync(), StringComparison.Ordinal);
        // staging: 3 promotions (one a rollback) and 3 deliveries; production: a refusal, a promotion, a delivery.
        Assert.Equal(9, await Page.Locator("svg.timeline .ev").CountAsync());
        Assert.Equal(1, await Page.Locator("svg.timeline .ev.refusal").CountAsync());
        await SaveScreenshot("channels.png");

        // The channel's time line, newest first: the rollback, the failed delivery of the second release, ...
        await staging.Locator("h2 a").ClickAsync();
        Assert.EndsWith("/channels/staging.html", Page.Url, StringComparison.Ordinal);
        var kinds = await Page.Locator("table.events tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(["redeliver", "rollback", "deliver", "promote", "deliver", "promote"], kinds);
        var failed = Page.Locator("table.events tr.failed");
        Assert.Contains("katcp-server not listening on 7147", await failed.InnerTextAsync(), StringComparison.Ordinal);

        // ... to the second release: its hashes and verdicts are the records'.
        await failed.Locator("a", new LocatorLocatorOptions { HasText = r2 }).ClickAsync();
        Assert.EndsWith($"/releases/{r2}.html", Page.Url, StringComparison.Ordinal);
        var facts = await Page.Locator("table.facts").InnerTextAsync();
        Assert.Contains(_fixture.B.Id, facts, StringComparison.Ordinal);
        Assert.Contains(_fixture.ConfigurationB, facts, StringComparison.Ordinal);
        Assert.Contains(_fixture.Suites, facts, StringComparison.Ordinal);
        Assert.Equal("verified", await Verdict("provenance"));
        Assert.Equal("verified", await Verdict("qualification"));
        Assert.Equal("verified", await Verdict("promotion"));
        Assert.Equal("missing", await Verdict("delivery"));   // its delivery failed: nothing was signed
        Assert.Contains("ends healthy", await Page.Locator(".verdict[data-what=\"delivery\"] p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("differs", await Verdict("rebuild"));
        Assert.Contains("43 passed, 0 failed, 1 skipped", await Page.Locator("p.qualification").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["integration", "acceptance"], await Page.Locator("table.suites tr td:first-child").AllInnerTextsAsync());
        Assert.Equal(["Debian", "3", "Python (cam)", "3", "total", "6"],
            (await Page.Locator("table.sbom tr:not(:first-child) > *").AllInnerTextsAsync()).Select(t => t.Trim()));
        await SaveScreenshot("release.png");

        // The qualification report, copied into the site with its files.
        await Page.Locator("a.report").ClickAsync();
        Assert.Matches(QualificationPath(), Page.Url);
        Assert.Equal("Qualification PASSED", (await Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(_fixture.B.Id, await Page.Locator("table.facts").InnerTextAsync(), StringComparison.Ordinal);
        await Page.GoBackAsync();

        // The release notes against the previous release of the channel.
        await Page.Locator("a.notes").ClickAsync();
        Assert.EndsWith($"/notes/{r1}..{r2}.html", Page.Url, StringComparison.Ordinal);
        Assert.Contains("Changed:", await Page.Locator("p.configuration").InnerTextAsync(), StringComparison.Ordinal);
        var rows = await Page.Locator("table.changes tr:not(:first-child)").AllInnerTextsAsync();
        var changes = rows.Select(r => Regex.Replace(r, @"\s+", " ").Trim()).ToList();
        Assert.Contains("openssl:amd64 added - 3.0.15-1~deb12u1", changes);
        Assert.Contains("libc6:amd64 changed 2.36-9+deb12u9 2.36-9+deb12u10", changes);
        Assert.Contains("python3.11:amd64 removed 3.11.2-6+deb12u5 -", changes);
        Assert.Contains("numpy changed 1.26.4 2.1.3", changes);
        Assert.Contains("pyyaml added - 6.0.2", changes);
        Assert.Contains("tornado removed 6.4.1 -", changes);
        Assert.Equal(6, changes.Count);

        AssertStayedInsideTheSite();
    }

    [Fact]
    public async Task The_environment_map_shows_the_last_recorded_status_by_role()
    {
        await Page.GotoAsync(Url("environments/local.html"));

        Assert.Equal(["head", "monitor", "node"], await Page.Locator("svg.map text.role-name").AllTextContentsAsync());
        Assert.Equal(4, await Page.Locator("svg.map g.node").CountAsync());   // cam-head has two roles
        Assert.Equal(["cam-node2"], await Page.Locator("svg.map g.node.unhealthy").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.host)"));
        Assert.Contains("1 drifted, 1 unhealthy", await Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2026-11-25 10:00:00Z", await Page.Locator("table.facts").InnerTextAsync(), StringComparison.Ordinal);

        await Page.GotoAsync(Url("candidates.html"));
        var candidates = await Page.Locator("table.candidates tr:not(:first-child)").AllInnerTextsAsync();
        Assert.Equal(2, candidates.Count);
        Assert.Contains("differs", candidates[0], StringComparison.Ordinal);    // B, the newer
        Assert.Contains("identical", candidates[1], StringComparison.Ordinal);  // A runs on cam and local
        Assert.Contains("cam, local", Regex.Replace(candidates[1], @"\s+", " "), StringComparison.Ordinal);

        AssertStayedInsideTheSite();
    }

    private async Task<string> Verdict(string what) =>
        (await Page.Locator($".verdict[data-what=\"{what}\"] .badge").InnerTextAsync()).Trim();

    private void AssertStayedInsideTheSite()
    {
        Assert.Empty(_errors);
        var root = new Uri(Site + "/").AbsoluteUri;
        lock (_requests)
        {
            Assert.NotEmpty(_requests);
            Assert.All(_requests, url => Assert.StartsWith(root, url, StringComparison.Ordinal));
        }
    }

    private string Url(string relative) => new Uri(Path.Combine(Site, relative)).AbsoluteUri;

    private async Task SaveScreenshot(string name)
    {
        var path = RepositoryRoot.Combine("docs", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path}: the screenshot is suspiciously small");
    }

    [GeneratedRegex("/qualifications/[0-9a-f]{12}-[0-9a-f]{12}-[0-9a-f]{12}/report\\.html$")]
    private static partial Regex QualificationPath();

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    public void Dispose() => _fixture.Dispose();
}
