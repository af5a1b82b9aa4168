using System.Text;
using CamBuild.Dashboard.Model;
using CamBuild.SupplyChain.Notes;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary><c>notes/&lt;from&gt;..&lt;to&gt;.html</c>: the two releases side by side, configuration, and packages added, changed, removed.</summary>
internal static class NotesPage
{
    public static string Render(SiteModel site, NotesView view)
    {
        var notes = view.Notes;
        var (from, to) = (notes.From, notes.To);
        var body = new StringBuilder();
        body.Append("<h1>Release notes: ").Append(Link("../", ReleasePage.FileOf(to.Release), to.Release)).Append("</h1>\n<p>Changes since ")
            .Append(Link("../", ReleasePage.FileOf(from.Release), from.Release)).Append(", the previous release of channel ").Append(E(to.Channel)).Append(".</p>\n")
            .Append("<table class=\"compare\">\n<tr><th></th><th>").Append(E(from.Release)).Append("</th><th>").Append(E(to.Release)).Append("</th></tr>\n")
            .Append(Row("candidate", Hash(from.CandidateId), Hash(to.CandidateId)))
            .Append(Row("configuration", $"{Hash(from.ConfigurationHash)} ({E(from.Environment)})", $"{Hash(to.ConfigurationHash)} ({E(to.Environment)})"))
            .Append(Row("qualification", Qualification(from), Qualification(to)))
            .Append(Row("promoted", TimeTag(from.PromotedAt), TimeTag(to.PromotedAt)))
            .Append("</table>\n<h2>Configuration</h2>\n")
            .Append(from.ConfigurationHash == to.ConfigurationHash
                ? "<p class=\"configuration\">Unchanged.</p>\n"
                : $"<p class=\"configuration\">Changed: {Hash(from.ConfigurationHash)} → {Hash(to.ConfigurationHash)}.</p>\n");
        if (view.Problem is not null)
        {
            body.Append("<h2>Packages</h2>\n<p>").Append(Badge("unknown", "none")).Append(' ').Append(E(view.Problem)).Append("</p>\n");
        }
        else
        {
            Section(body, "OS packages", [.. notes.Packages.Where(p => p.Kind == "deb")]);
            var environments = notes.Packages.Where(p => p.Kind == "pypi").Select(p => p.Scope).Distinct(StringComparer.Ordinal).ToList();
            foreach (var environment in environments)
            {
                Section(body, $"Python packages ({environment})", [.. notes.Packages.Where(p => p.Kind == "pypi" && p.Scope == environment)]);
            }
            if (environments.Count == 0)
            {
                body.Append("<h2>Python packages</h2>\n<p>Unchanged.</p>\n");
            }
        }
        return Page($"Release notes {to.Release}", "../", "channels", site.AsOf, body.ToString());
    }

    private static string Row(string what, string from, string to) => $"<tr><th>{E(what)}</th><td>{from}</td><td>{to}</td></tr>\n";

    private static string Qualification(ReleaseSide side) =>
        $"{(side.QualificationPassed ? Badge("passed", "good") : Badge("FAILED", "bad"))} {N(side.TestsPassed)} passed, {N(side.TestsFailed)} failed, " +
        $"{N(side.TestsSkipped)} skipped ({E(string.Join(", ", side.Suites))})";

    private static void Section(StringBuilder body, string title, IReadOnlyList<PackageChange> changes)
    {
        body.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (changes.Count == 0)
        {
            body.Append("<p>Unchanged.</p>\n");
            return;
        }
        body.Append("<table class=\"changes\">\n<tr><th>package</th><th>change</th><th>from</th><th>to</th></tr>\n");
        foreach (var change in changes.OrderBy(c => Array.IndexOf(["added", "changed", "removed"], c.Change)).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            body.Append("<tr class=\"").Append(change.Change).Append("\"><td><code>").Append(E(change.Name)).Append("</code></td><td class=\"")
                .Append(change.Change).Append("\">").Append(change.Change).Append("</td><td>").Append(E(change.From ?? "-")).Append("</td><td>")
                .Append(E(change.To ?? "-")).Append("</td></tr>\n");
        }
        body.Append("</table>\n");
    }
}
