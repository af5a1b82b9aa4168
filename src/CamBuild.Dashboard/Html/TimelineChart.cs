using System.Globalization;
using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Html;

/// <summary>
/// An inline SVG time line: one lane per channel, one marker per event (promotion, rollback, delivery, refusal) placed by
/// its recorded time, coloured by kind and outcome; each marker links to its release page and carries a tooltip.
/// </summary>
internal static class TimelineChart
{
    private const int LabelWidth = 110;
    private const int PlotWidth = 760;
    private const int LaneHeight = 34;
    private const int AxisHeight = 24;
    private const double MinGap = 17;

    public static string Render(IReadOnlyList<(string Lane, IReadOnlyList<TimelineEvent> Events)> lanes, string root, string title)
    {
        var all = lanes.SelectMany(lane => lane.Events).ToList();
        if (all.Count == 0)
        {
            return "<p class=\"muted\">No promotions, deliveries or refusals recorded yet.</p>\n";
        }
        var first = all.Min(e => e.At);
        var last = all.Max(e => e.At);
        var span = Math.Max(1, (last - first).TotalSeconds);
        double X(DateTimeOffset at) => LabelWidth + 10 + (PlotWidth - 20) * ((at - first).TotalSeconds / span);
        var height = lanes.Count * LaneHeight + AxisHeight;
        var width = LabelWidth + PlotWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\">\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var at = first + TimeSpan.FromSeconds(span * tick / 4);
            var x = LabelWidth + 10 + (PlotWidth - 20) * tick / 4.0;
            var anchor = tick == 0 ? "start" : tick == 4 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"tick\" x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{height - AxisHeight}\"/><text x=\"{x:0.#}\" y=\"{height - 8}\" text-anchor=\"{anchor}\">{E(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</text>\n");
        }
        for (var i = 0; i < lanes.Count; i++)
        {
            var (lane, events) = lanes[i];
            var y = i * LaneHeight;
            var mid = y + LaneHeight / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"lane\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{PlotWidth}\" height=\"{LaneHeight - 6}\" rx=\"4\"/>" +
                $"<text x=\"{LabelWidth - 8}\" y=\"{mid + 4}\" text-anchor=\"end\">{E(lane)}</text>\n");
            var xs = Spread([.. events.Select(e => X(e.At))]);
            for (var k = 0; k < events.Count; k++)
            {
                var e = events[k];
                var x = xs[k];
                var css = $"ev {e.Kind}{(e.Outcome is "failed" or "interrupted" ? " " + e.Outcome : "")}";
                var tip = $"{Time(e.At)} {e.Kind} {e.Outcome}: {e.Release ?? "-"} by {e.By}";
                var marker = Marker(e.Kind, x, mid, css, tip);
                svg.Append(e.Release is null ? marker : $"<a href=\"{Href(root, $"releases/{e.Release}.html")}\">{marker}</a>").Append('\n');
            }
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// Markers closer than <see cref="MinGap"/> are pushed apart (right, then back left at the end of the plot) so that
    /// events minutes apart on a line spanning days stay distinguishable; the tooltip keeps the exact time.
    /// </summary>
    private static double[] Spread(double[] xs)
    {
        var end = LabelWidth + PlotWidth - 10.0;
        for (var i = 1; i < xs.Length; i++)
        {
            xs[i] = Math.Max(xs[i], xs[i - 1] + MinGap);
        }
        for (var i = xs.Length - 1; i >= 0; i--)
        {
            xs[i] = Math.Min(xs[i], i == xs.Length - 1 ? end : xs[i + 1] - MinGap);
        }
        return xs;
    }

    /// <summary>Promotions are circles, rollbacks diamonds, deliveries squares, refusals triangles (readable without colour).</summary>
    private static string Marker(string kind, double x, double y, string css, string tip)
    {
        var title = $"<title>{E(tip)}</title>";
        return kind switch
        {
            "promote" => string.Create(CultureInfo.InvariantCulture, $"<circle class=\"{css}\" cx=\"{x:0.#}\" cy=\"{y}\" r=\"7\">{title}</circle>"),
            "rollback" => string.Create(CultureInfo.InvariantCulture,
                $"<polygon class=\"{css}\" points=\"{x:0.#},{y - 8} {x + 8:0.#},{y} {x:0.#},{y + 8} {x - 8:0.#},{y}\">{title}</polygon>"),
            "refusal" => string.Create(CultureInfo.InvariantCulture,
                $"<polygon class=\"{css}\" points=\"{x:0.#},{y - 8} {x + 8:0.#},{y + 7} {x - 8:0.#},{y + 7}\">{title}</polygon>"),
            _ => string.Create(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{x - 6:0.#}\" y=\"{y - 6}\" width=\"12\" height=\"12\" rx=\"2\">{title}</rect>"),
        };
    }
}
