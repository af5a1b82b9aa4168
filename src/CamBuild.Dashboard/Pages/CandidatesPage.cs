using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary><c>candidates.html</c>: the candidates kept in the store, newest first.</summary>
internal static class CandidatesPage
{
    public const string File = "candidates.html";

    public static string Render(SiteModel site)
    {
        var body = new StringBuilder("<h1>Candidates in the store</h1>\n");
        if (site.Candidates.Count == 0)
        {
            body.Append("<p class=\"muted\">The candidate store is empty.</p>\n");
        }
        body.Append("<table class=\"candidates\">\n<tr><th>candidate</th><th>file</th><th>size</th><th>baked</th><th>age</th><th>reproducible</th><th>runs on</th><th>current on</th></tr>\n");
        var ordered = site.Candidates.OrderByDescending(c => c.BakedAt ?? DateTimeOffset.MinValue).ThenBy(c => c.Id, StringComparer.Ordinal);
        foreach (var c in ordered)
        {
            var releases = site.Releases.Where(r => r.Entry.CandidateId == c.Id).Select(r => r.Name).ToList();
            body.Append("<tr id=\"candidate-").Append(E(Short(c.Id))).Append("\"><td>").Append(Hash(c.Id))
                .Append(releases.Count == 0 ? "" : "<br>" + string.Join("<br>", releases.Select(r => Link("", ReleasePage.FileOf(r), r))))
                .Append("</td><td>").Append(E(c.File)).Append("</td><td class=\"n\">").Append(E(Size(c.Size))).Append("</td><td>").Append(TimeTag(c.BakedAt))
                .Append("</td><td>").Append(c.BakedAt is { } baked && site.AsOf is { } asOf ? E(Age(asOf - baked)) : "-").Append("</td><td>")
                .Append(Badge(c.Reproducibility.Word, c.Reproducibility.CssClass)).Append(c.Reproducibility.State == VerdictState.Verified ? "" : $"<br><span class=\"muted\">{E(c.Reproducibility.Detail)}</span>")
                .Append("</td><td>").Append(c.RunsOn.Count == 0 ? "-" : string.Join(", ", c.RunsOn.Select(e => Link("", EnvironmentPage.FileOf(e), e))))
                .Append("</td><td>").Append(c.CurrentOn.Count == 0 ? "-" : string.Join(", ", c.CurrentOn.Select(ch => Link("", ChannelPage.FileOf(ch), ch))))
                .Append("</td></tr>\n");
        }
        body.Append("</table>\n<p class=\"muted\">Age is counted up to the newest recorded event (")
            .Append(TimeTag(site.AsOf)).Append("), not to the time the page was generated.</p>\n");
        return Page("Candidates", "", "candidates", site.AsOf, body.ToString());
    }
}
