using System.Globalization;
using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary>
/// <c>releases/&lt;name&gt;.html</c>: the pair and its hashes, the verdicts of its signed statements and rebuild, the
/// qualification (summary inline, report linked), SBOM totals, and the notes against the previous release of the channel.
/// </summary>
internal static class ReleasePage
{
    public static string FileOf(string release) => $"releases/{release}.html";

    public static string Render(SiteModel site, ReleaseView release)
    {
        var e = release.Entry;
        var channel = site.Channels.FirstOrDefault(c => c.Name == release.Channel);
        var current = channel?.Current?.Release == release.Name;
        var body = new StringBuilder();
        body.Append("<h1>Release ").Append(E(release.Name)).Append(current ? " " + Badge("current", "good") : "").Append("</h1>\n<table class=\"facts\">\n")
            .Append(Fact("Channel", Link("../", ChannelPage.FileOf(release.Channel), release.Channel)))
            .Append(Fact("Candidate", $"{FullHash(e.CandidateId)}<br>{E(e.CandidateFile)} (sha256 {FullHash(e.CandidateSha256)})"))
            .Append(Fact("Configuration hash", FullHash(e.ConfigurationHash)))
            .Append(Fact("Suites hash", FullHash(e.SuitesHash)))
            .Append(Fact("Promoted", $"{TimeTag(e.PromotedAt)} by {E(e.PromotedBy)} ({E(e.Action)})"))
            .Append(Fact("Previous release", e.PreviousRelease is null ? "none" : Link("../", FileOf(e.PreviousRelease), e.PreviousRelease)))
            .Append("</table>\n");

        body.Append("<h2>Verdicts</h2>\n<div class=\"verdicts\">\n");
        foreach (var verdict in release.Verdicts)
        {
            body.Append("<div class=\"verdict\" data-what=\"").Append(E(verdict.What)).Append("\"><strong>").Append(E(verdict.What)).Append("</strong> ")
                .Append(Badge(verdict.Word, verdict.CssClass)).Append("<p>").Append(E(verdict.Detail)).Append("</p></div>\n");
        }
        body.Append("</div>\n");

        body.Append("<h2>Qualification</h2>\n").Append(Qualification(release.Qualification));
        body.Append("<h2>SBOM</h2>\n").Append(Sbom(release.Sbom));
        body.Append("<h2>Release notes</h2>\n").Append(Notes(release.Notes));

        body.Append("<h2>On the channel</h2>\n<table class=\"events\">\n<tr><th>when</th><th>event</th><th>outcome</th><th>detail</th></tr>\n");
        foreach (var ev in (channel?.Timeline ?? []).Where(ev => ev.Release == release.Name).Reverse())
        {
            body.Append("<tr class=\"").Append(ev.Kind).Append(ev.Outcome is "failed" or "interrupted" ? " " + ev.Outcome : "").Append("\"><td>").Append(TimeTag(ev.At)).Append("</td><td>").Append(E(ev.Kind))
                .Append("</td><td>").Append(E(ev.Outcome)).Append("</td><td>").Append(E(ev.Detail)).Append("</td></tr>\n");
        }
        body.Append("</table>\n");
        return Page($"Release {release.Name}", "../", "channels", site.AsOf, body.ToString());
    }

    private static string Qualification(QualificationView? view)
    {
        if (view is null)
        {
            return "<p>" + Badge("no record", "none") + " the release store holds no qualification record for this release.</p>\n";
        }
        var r = view.Record;
        var text = new StringBuilder();
        text.Append("<p class=\"qualification\">").Append(r.Passed ? Badge("PASSED", "good") : Badge("FAILED", "bad"))
            .Append(CultureInfo.InvariantCulture, $" on environment <strong>{E(r.Environment)}</strong>, started {TimeTag(r.Started)}, ")
            .Append(CultureInfo.InvariantCulture, $"{(r.Finished - r.Started).TotalSeconds:0} s; ")
            .Append(N(r.Suites.Sum(s => s.Passed))).Append(" passed, ").Append(N(r.Suites.Sum(s => s.Failed))).Append(" failed, ")
            .Append(N(r.Suites.Sum(s => s.Skipped))).Append(" skipped. ")
            .Append(view.ReportFile is null ? "<span class=\"muted\">(the report was not found beside the records)</span>" : Link("../", view.ReportFile, "Qualification report", "report"))
            .Append("</p>\n<table class=\"suites\">\n<tr><th>suite</th><th>kind</th><th>passed</th><th>failed</th><th>skipped</th><th>seconds</th><th>failures</th></tr>\n");
        foreach (var s in r.Suites)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(s.Failed > 0 ? "failed" : "passed")}\"><td>{E(s.Name)}</td><td>{E(s.Kind)}</td><td class=\"n\">{s.Passed}</td><td class=\"n\">{s.Failed}</td>" +
                $"<td class=\"n\">{s.Skipped}</td><td class=\"n\">{s.Seconds:0.0}</td><td>{string.Join("<br>", s.Failures.Select(E))}</td></tr>\n");
        }
        return text.Append("</table>\n<p class=\"muted\">record ").Append(E(view.RecordFile)).Append("</p>\n").ToString();
    }

    private static string Sbom(SbomTotals? totals)
    {
        if (totals is null)
        {
            return "<p>" + Badge("missing", "none") + " the candidate store has no CycloneDX SBOM for this candidate.</p>\n";
        }
        var text = new StringBuilder("<table class=\"sbom\">\n<tr><th>component set</th><th>packages</th></tr>\n");
        text.Append("<tr><td>Debian</td><td class=\"n\">").Append(N(totals.Debian)).Append("</td></tr>\n");
        foreach (var (environment, count) in totals.Python)
        {
            text.Append("<tr><td>Python (").Append(E(environment)).Append(")</td><td class=\"n\">").Append(N(count)).Append("</td></tr>\n");
        }
        return text.Append("<tr><th>total</th><td class=\"n\">").Append(N(totals.Total)).Append("</td></tr>\n</table>\n").ToString();
    }

    private static string Notes(NotesView? notes)
    {
        if (notes is null)
        {
            return "<p class=\"muted\">The first release of its channel: nothing to compare with.</p>\n";
        }
        var changes = notes.Notes.Packages;
        var text = new StringBuilder("<p class=\"notes\">Against ").Append(Link("../", FileOf(notes.Notes.From.Release), notes.Notes.From.Release)).Append(": ");
        if (notes.Problem is not null)
        {
            text.Append(E(notes.Problem)).Append("; ");
        }
        else
        {
            text.Append(N(changes.Count(c => c.Change == "added"))).Append(" package(s) added, ")
                .Append(N(changes.Count(c => c.Change == "changed"))).Append(" changed, ")
                .Append(N(changes.Count(c => c.Change == "removed"))).Append(" removed; ");
        }
        text.Append(notes.Notes.From.ConfigurationHash == notes.Notes.To.ConfigurationHash ? "configuration unchanged" : "configuration changed")
            .Append(". ").Append(Link("../", notes.File, "Release notes", "notes")).Append("</p>\n");
        return text.ToString();
    }
}
