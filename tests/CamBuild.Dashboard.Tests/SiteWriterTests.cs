using CamBuild.Dashboard.Site;
using CamBuild.Dashboard.Tests.Support;
using CamBuild.Delivery.Status;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Dashboard.Tests;

/// <summary>The site is swapped in whole; leftovers of a killed run are removed; the Status record reads back as written.</summary>
public sealed class SiteWriterTests
{
    [Fact]
    public void A_new_site_replaces_the_old_one_whole_and_leftovers_of_a_killed_run_are_removed()
    {
        using var fixture = new DashboardFixture();
        var site = fixture.Paths.Site;
        Directory.CreateDirectory(Path.Combine(site, "releases"));
        File.WriteAllText(Path.Combine(site, "releases", "cam-staging-gone.html"), "a release page of an earlier run");
        var killedTemp = Path.Combine(fixture.Paths.Artifacts, ".site.4242.0123456789abcdef.tmp");
        var killedOld = Path.Combine(fixture.Paths.Artifacts, ".site.4242.fedcba9876543210.old");
        Directory.CreateDirectory(killedTemp);
        Directory.CreateDirectory(killedOld);
        File.WriteAllText(Path.Combine(killedTemp, "index.html"), "half a site");

        DashboardSite.Write(DashboardStep.Sources(fixture.Paths), site);

        Assert.False(File.Exists(Path.Combine(site, "releases", "cam-staging-gone.html")));
        Assert.True(File.Exists(Path.Combine(site, "index.html")));
        Assert.False(Directory.Exists(killedTemp));
        Assert.False(Directory.Exists(killedOld));
        Assert.Equal(["site"], Directory.EnumerateDirectories(fixture.Paths.Artifacts).Select(Path.GetFileName).Where(n => n!.Contains("site", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_status_record_reads_back_as_written_and_feeds_the_environment_page()
    {
        using var fixture = new DashboardFixture();
        var loaded = StatusRecord.Load(fixture.Paths.EnvironmentStates, "local");

        Assert.NotNull(loaded);
        Assert.Equal(DashboardFixture.T0.AddDays(5).AddHours(2), loaded.CheckedAt);
        Assert.Equal(["cam-head", "cam-node1", "cam-node2"], loaded.Status.Nodes.Select(n => n.Hostname));
        Assert.True(loaded.Status.Nodes[2].Drifted);
        Assert.False(loaded.Status.Clean);

        var (model, _) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));
        var local = model.Environments.Single(e => e.Name == "local");
        Assert.Equal(loaded.CheckedAt, local.StatusCheckedAt);
        Assert.Equal(["healthy", "healthy", "unhealthy"], local.Nodes.Select(n => n.Health));
        Assert.Equal(["none", "none", "drifted"], local.Nodes.Select(n => n.Drift));
        var cam = model.Environments.Single(e => e.Name == "cam");
        Assert.Null(cam.StatusCheckedAt);   // never checked: health and drift unknown, roles from the deploy record
        Assert.All(cam.Nodes, n => Assert.Equal("unknown", n.Health));
    }

    [Fact]
    public void An_interrupted_delivery_is_on_the_time_line_and_its_start_is_not_shown_twice()
    {
        using var fixture = new DashboardFixture();
        var history = new Delivery.History.DeliveryHistory(fixture.Paths.Releases);
        var started = DashboardFixture.T0.AddDays(6);
        history.Append(new Delivery.History.DeliveryEvent("deliver", Delivery.History.DeliveryEvent.Started, "production", fixture.P1.Release, fixture.P1.CandidateId,
            fixture.P1.ConfigurationHash, "cam", started, null, [], "ops@control", null));
        var (running, _) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));
        Assert.Equal("started", running.Channels.Single(c => c.Name == "production").Timeline[^1].Outcome);

        history.RecordInterrupted("production", ["cam-node1"], "Deliver", started.AddMinutes(30));
        var (model, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        var production = model.Channels.Single(c => c.Name == "production");
        Assert.Equal("interrupted", production.Timeline[^1].Outcome);
        Assert.DoesNotContain(production.Timeline, e => e.Outcome == "started");
        Assert.Contains("<tr class=\"deliver interrupted\">", content.Text(Pages.ChannelPage.FileOf("production")), StringComparison.Ordinal);
    }
}
