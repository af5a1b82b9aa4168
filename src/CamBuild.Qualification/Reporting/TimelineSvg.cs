using System.Globalization;
using System.Text;

namespace CamBuild.Qualification.Reporting;

/// <summary>An inline SVG Gantt chart: one row per item, bars placed by start offset and scaled by duration.</summary>
internal static class TimelineSvg
{
    private const int LabelWidth = 190;
    private const int BarWidth = 560;
    private const int RowHeight = 22;
    private const int AxisHeight = 22;

    public sealed record Row(string Label, string Status, TimeSpan Start, TimeSpan Duration);

    public static string Render(IReadOnlyList<Row> rows, string title)
    {
        var total = rows.Count == 0 ? 1 : Math.Max(1e-3, rows.Max(row => (row.Start + row.Duration).TotalSeconds));
        var height = rows.Count * RowHeight + AxisHeight;
        var width = LabelWidth + BarWidth + 70;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{QualificationReport.E(title)}\">\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = LabelWidth + BarWidth * tick / 4.0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{height - AxisHeight}\" class=\"tick\"/><text x=\"{x:0.#}\" y=\"{height - 6}\" class=\"axis\">{Seconds(total * tick / 4)}</text>\n");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * RowHeight;
            var x = LabelWidth + BarWidth * row.Start.TotalSeconds / total;
            var w = Math.Max(2, BarWidth * row.Duration.TotalSeconds / total);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" class=\"label\">{QualificationReport.E(row.Label)}</text>" +
                $"<rect x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{w:0.#}\" height=\"{RowHeight - 8}\" class=\"bar {StatusClass(row.Status)}\">" +
                $"<title>{QualificationReport.E(row.Label)}: {QualificationReport.E(row.Status)}, {Seconds(row.Duration.TotalSeconds)} from {Seconds(row.Start.TotalSeconds)}</title></rect>" +
                $"<text x=\"{x + w + 4:0.#}\" y=\"{y + 15}\" class=\"value\">{Seconds(row.Duration.TotalSeconds)}</text>\n");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>CSS class for a status: passed/succeeded, failed, skipped, cached (up to date) or other.</summary>
    public static string StatusClass(string status)
    {
        var text = status.ToLowerInvariant();
        return text switch
        {
            _ when text.Contains("fail", StringComparison.Ordinal) || text.Contains("abort", StringComparison.Ordinal) => "failed",
            _ when text.Contains("cache", StringComparison.Ordinal) || text.Contains("up-to-date", StringComparison.Ordinal)
                || text.Contains("uptodate", StringComparison.Ordinal) => "cached",
            _ when text.Contains("skip", StringComparison.Ordinal) || text.Contains("not run", StringComparison.Ordinal) => "skipped",
            _ when text.Contains("succe", StringComparison.Ordinal) || text.Contains("pass", StringComparison.Ordinal) => "passed",
            _ => "other",
        };
    }

    public static string Seconds(double seconds) => seconds >= 120
        ? $"{Math.Floor(seconds / 60).ToString(CultureInfo.InvariantCulture)}m{(seconds % 60).ToString("00", CultureInfo.InvariantCulture)}s"
        : seconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
