using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary><c>index.html</c>: the channels side by side (current release, gates, last delivery) and their time lines.</summary>
internal static class ChannelsPage
{
    public const string File = "index.html";

    public static string Render(SiteModel site)
    {
        var body = new StringBuilder("<h1>Channels</h1>\n");
        if (site.Channels.Count == 0)
        {
            body.Append("<p class=\"muted\">No channel is configured (config/channels.yaml) and nothing was promoted yet.</p>\n");
        }
        body.Append("<div class=\"channels\">\n");
        foreach (var channel in site.Channels)
        {
            body.Append(Card(site, channel));
        }
        body.Append("</div>\n<h2>Time line</h2>\n")
            .Append(Html.TimelineChart.Render([.. site.Channels.Select(c => (c.Name, c.Timeline))], "", "promotions, deliveries, rollbacks and refusals per channel"))
            .Append("<p class=\"muted\">● promotion ◆ rollback ■ delivery ▲ refusal; red: failed or interrupted. Each channel's page lists every event.</p>\n");
        return Page("Channels", "", "channels", site.AsOf, body.ToString());
    }

    private static string Card(SiteModel site, ChannelView channel)
    {
        var card = new StringBuilder();
        card.Append("<section class=\"card channel\" id=\"channel-").Append(E(channel.Name)).Append("\">\n<h2>")
            .Append(Link("", ChannelPage.FileOf(channel.Name), channel.Name)).Append("</h2>\n");
        card.Append("<p class=\"muted\">environment ")
            .Append(channel.Environment is null ? "-" : Link("", EnvironmentPage.FileOf(channel.Environment), channel.Environment)).Append("</p>\n");
        if (channel.Current is { } current)
        {
            var release = site.Release(current.Release, channel.Name);
            var passed = release?.Qualification?.Record.Passed;
            card.Append("<p class=\"release\">").Append(Link("", ReleasePage.FileOf(current.Release), current.Release, "current")).Append("</p>\n")
                .Append("<p>candidate ").Append(Hash(current.CandidateId)).Append(", configuration ").Append(Hash(current.ConfigurationHash))
                .Append("<br>promoted ").Append(TimeTag(current.PromotedAt)).Append(" by ").Append(E(current.PromotedBy))
                .Append(current.Action == Release.Store.ReleaseEntry.RollbackAction ? " (a rollback)" : "")
                .Append("<br>qualification ").Append(passed switch { true => Badge("passed", "good"), false => Badge("FAILED", "bad"), null => Badge("no record", "none") })
                .Append("</p>\n");
        }
        else
        {
            card.Append("<p class=\"release muted\">nothing promoted yet</p>\n");
        }
        card.Append("<p>");
        if (channel.LastDelivery is { } delivered)
        {
            var stale = channel.Current is not null && delivered.Release != channel.Current.Release;
            card.Append("delivered ").Append(delivered.Release is null ? "-" : Link("", ReleasePage.FileOf(delivered.Release), delivered.Release))
                .Append(" at ").Append(TimeTag(delivered.At)).Append(" (").Append(N(delivered.Nodes)).Append(" node(s))")
                .Append(stale ? " " + Badge("current release not delivered yet", "warn") : " " + Badge("delivered", "good"));
        }
        else
        {
            card.Append("never delivered");
        }
        card.Append("</p>\n<h3>Gates</h3>\n<ul class=\"gates\">\n");
        foreach (var gate in channel.Gates.DefaultIfEmpty("not configured in config/channels.yaml"))
        {
            card.Append("<li>").Append(E(gate)).Append("</li>\n");
        }
        var refusals = channel.Timeline.Count(e => e.Kind == "refusal");
        return card.Append("</ul>\n<p>").Append(Link("", ChannelPage.FileOf(channel.Name), $"time line ({N(channel.Timeline.Count)} event(s)"
            + (refusals == 0 ? "" : $", {N(refusals)} refusal(s)") + ")")).Append("</p>\n</section>\n").ToString();
    }
}
