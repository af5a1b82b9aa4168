using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary><c>channels/&lt;name&gt;.html</c>: a channel's time line, newest first, every event linked to its release.</summary>
internal static class ChannelPage
{
    public static string FileOf(string channel) => $"channels/{channel}.html";

    public static string Render(SiteModel site, ChannelView channel)
    {
        var body = new StringBuilder();
        body.Append("<h1>Channel ").Append(E(channel.Name)).Append("</h1>\n<table class=\"facts\">\n")
            .Append(Fact("Environment", channel.Environment is null ? "-" : Link("../", EnvironmentPage.FileOf(channel.Environment), channel.Environment)))
            .Append(Fact("Current release", channel.Current is null ? "nothing promoted yet" : Link("../", ReleasePage.FileOf(channel.Current.Release), channel.Current.Release)))
            .Append(Fact("Last delivery", channel.LastDelivery is { } d ? $"{(d.Release is null ? "-" : Link("../", ReleasePage.FileOf(d.Release), d.Release))} at {TimeTag(d.At)} by {E(d.By)}" : "never delivered"))
            .Append(Fact("Gates", string.Join("<br>", channel.Gates.DefaultIfEmpty("not configured").Select(E))))
            .Append("</table>\n<h2>Time line</h2>\n")
            .Append(Html.TimelineChart.Render([(channel.Name, channel.Timeline)], "../", $"time line of {channel.Name}"))
            .Append("<table class=\"events\">\n<tr><th>when</th><th>event</th><th>outcome</th><th>release</th><th>by</th><th>detail</th></tr>\n");
        foreach (var e in channel.Timeline.Reverse())
        {
            body.Append("<tr class=\"").Append(e.Kind).Append(e.Outcome is "failed" or "interrupted" ? " " + e.Outcome : "").Append("\"><td>").Append(TimeTag(e.At))
                .Append("</td><td>").Append(E(e.Kind)).Append("</td><td>").Append(E(e.Outcome)).Append("</td><td>")
                .Append(e.Release is null ? "-" : Link("../", ReleasePage.FileOf(e.Release), e.Release))
                .Append("</td><td>").Append(E(e.By)).Append("</td><td>").Append(E(e.Detail)).Append("</td></tr>\n");
        }
        return Page($"Channel {channel.Name}", "../", "channels", site.AsOf, body.Append("</table>\n").ToString());
    }
}
