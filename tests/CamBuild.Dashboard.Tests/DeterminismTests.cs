using CamBuild.Dashboard.Pages;
using CamBuild.Dashboard.Tests.Support;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Dashboard.Tests;

/// <summary>The same recorded state gives the same bytes; a new record changes the pages it belongs on.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void The_same_records_written_twice_give_identical_bytes()
    {
        using var fixture = new DashboardFixture();
        var first = Path.Combine(fixture.Root, "first");
        var second = Path.Combine(fixture.Root, "second");

        DashboardSite.Write(DashboardStep.Sources(fixture.Paths), first);
        Thread.Sleep(1100);   // a page that read the clock would now differ
        DashboardSite.Write(DashboardStep.Sources(fixture.Paths), second);

        var files = Files(first);
        Assert.NotEmpty(files);
        Assert.Equal(files.Keys, Files(second).Keys);
        foreach (var (path, bytes) in files)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, path))), $"{path} differs between two runs on the same records");
        }
    }

    [Fact]
    public void A_new_refusal_changes_the_channel_pages_and_nothing_else_of_other_channels()
    {
        using var fixture = new DashboardFixture();
        var (_, before) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        fixture.Refuse("production", fixture.R1, "cam", DashboardFixture.T0.AddDays(6),
            "Deliver: refused by the gates of channel production:\n  window: outside mon-thu 08:00-15:00 Africa/Johannesburg");
        var (model, after) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        Assert.Equal(DashboardFixture.T0.AddDays(6), model.AsOf);
        Assert.NotEqual(before.Text(ChannelPage.FileOf("production")), after.Text(ChannelPage.FileOf("production")));
        Assert.Contains("Deliver: refused by the gates of channel production:", after.Text(ChannelPage.FileOf("production")), StringComparison.Ordinal);
        Assert.DoesNotContain("window: outside", before.Text(ChannelPage.FileOf("production")), StringComparison.Ordinal);
        Assert.Contains("2 refusal(s)", after.Text(ChannelsPage.File), StringComparison.Ordinal);
        // Only the as-of line moves on the staging page: its events are unchanged.
        Assert.Equal(before.Text(ChannelPage.FileOf("staging")).Replace("2026-11-25 10:00:00Z", "", StringComparison.Ordinal).Replace("2026-11-25T10:00:00Z", "", StringComparison.Ordinal),
            after.Text(ChannelPage.FileOf("staging")).Replace("2026-11-26 08:00:00Z", "", StringComparison.Ordinal).Replace("2026-11-26T08:00:00Z", "", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, byte[]> Files(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(directory, file), File.ReadAllBytes), StringComparer.Ordinal);
}
