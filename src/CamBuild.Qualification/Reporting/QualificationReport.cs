using System.Globalization;
using System.Net;
using System.Text;
using CamBuild.Qualification.Store;

namespace CamBuild.Qualification.Reporting;

/// <summary>
/// The qualification report: one self-contained HTML page (inline CSS and SVG, no scripts, no external assets) with the
/// verdict, the candidate and hashes, a timeline of the pipeline's targets and of the suites, every suite with its
/// counts, each failure with its message, and relative links to logs and JUnit files.
/// </summary>
public static class QualificationReport
{
    public const string FileName = "report.html";

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1d1d1f;padding:0 1em}
        h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
        .verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff}
        .verdict.passed{background:#1a7f37}.verdict.failed{background:#cf222e}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25em .6em;border-bottom:1px solid #eee}
        td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.92em;word-break:break-all}
        pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.85em;white-space:pre-wrap}
        tr.failed td:first-child{border-left:4px solid #cf222e}tr.passed td:first-child{border-left:4px solid #1a7f37}
        svg.timeline text{font-size:11px;fill:#444}svg.timeline text.label{text-anchor:end}svg.timeline text.axis{text-anchor:middle}
        svg.timeline line.tick{stroke:#e5e5e5}.bar.passed{fill:#2da44e}.bar.failed{fill:#cf222e}.bar.skipped{fill:#afb8c1}
        .bar.cached{fill:#0969da}.bar.other{fill:#bf8700}
        """;

    public static string RenderHtml(QualificationReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var record = model.Record;
        var verdict = record.Passed ? "passed" : "failed";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>Qualification {verdict}: {E(record.Candidate.File)} on {E(record.Environment)}</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>Qualification <span class=\"verdict {verdict}\">{verdict.ToUpperInvariant()}</span></h1>\n")
            .Append("<table class=\"facts\">\n")
            .Append(Fact("Candidate", $"<code>{E(record.Candidate.Id)}</code><br>{E(record.Candidate.File)} (sha256 <code>{E(record.Candidate.Sha256)}</code>)"))
            .Append(Fact("Configuration hash", $"<code>{E(record.ConfigurationHash)}</code>"))
            .Append(Fact("Suites hash", $"<code>{E(record.SuitesHash)}</code>"))
            .Append(Fact("Environment", E(record.Environment)))
            .Append(Fact("Started", E(record.Started.ToString("u", CultureInfo.InvariantCulture))))
            .Append(Fact("Duration", E(TimelineSvg.Seconds((record.Finished - record.Started).TotalSeconds))))
            .Append("</table>\n");

        html.Append("<h2>Targets</h2>\n")
            .Append(model.Targets.Count == 0 ? "<p>No target timings.</p>" : TimelineSvg.Render(
                model.Targets.Select(target => new TimelineSvg.Row(target.Target, target.Status, target.Start, target.Duration)).ToList(), "targets"))
            .Append('\n');

        html.Append("<h2>Suites</h2>\n");
        if (model.Suites.Count > 0)
        {
            html.Append(TimelineSvg.Render(model.Suites.Select(suite => new TimelineSvg.Row(suite.Name,
                suite.Failed > 0 ? "failed" : "passed", suite.Start, TimeSpan.FromSeconds(suite.Seconds))).ToList(), "suites")).Append('\n');
        }
        html.Append("<table>\n<tr><th>suite</th><th>kind</th><th>where</th><th>passed</th><th>failed</th><th>skipped</th><th>seconds</th><th>files</th></tr>\n");
        foreach (var suite in model.Suites)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(suite.Failed > 0 ? "failed" : "passed")}\"><td>{E(suite.Name)}</td><td>{E(suite.Kind)}</td><td>{E(suite.Where)}</td>" +
                $"<td class=\"n\">{suite.Passed}</td><td class=\"n\">{suite.Failed}</td><td class=\"n\">{suite.Skipped}</td>" +
                $"<td class=\"n\">{suite.Seconds:0.0}</td><td>{Link("JUnit", suite.JUnitLink)} {Link("log", suite.LogLink)}</td></tr>\n");
        }
        html.Append("</table>\n");

        var failures = model.Suites.SelectMany(suite => suite.Failures.Select(failure => (suite, failure))).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Failures ({failures.Count})</h2>\n");
        if (failures.Count == 0)
        {
            html.Append("<p>None.</p>\n");
        }
        foreach (var (suite, failure) in failures)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(suite.Name)}: {E(failure.Test)}</h3>\n<p class=\"message\">{E(failure.Message)}</p>\n{(failure.Details.Length > 0 && failure.Details != failure.Message ? $"<pre>{E(failure.Details)}</pre>\n" : "")}<p>{Link("log", suite.LogLink)}</p>\n");
        }

        html.Append("<h2>Files</h2>\n<ul>\n");
        if (model.MergedJUnitLink is not null)
        {
            html.Append("<li>").Append(Link("merged JUnit XML", model.MergedJUnitLink)).Append("</li>\n");
        }
        foreach (var link in model.Links)
        {
            html.Append("<li>").Append(Link(link.Label, link.RelativePath)).Append("</li>\n");
        }
        return html.Append("</ul>\n</body>\n</html>\n").ToString();
    }

    public static string Write(string path, QualificationReportModel model)
    {
        AtomicFile.WriteAllText(path, Secrets.MaskText(RenderHtml(model)));
        return path;
    }

    private static string Fact(string name, string valueHtml) => $"<tr><th>{E(name)}</th><td>{valueHtml}</td></tr>\n";

    private static string Link(string label, string relativePath) =>
        $"<a href=\"{E(string.Join('/', relativePath.Split('/').Select(segment => segment == ".." ? segment : Uri.EscapeDataString(segment))))}\">{E(label)}</a>";

    /// <summary>HTML-escapes text for the report and its timeline (one escaping for both).</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
