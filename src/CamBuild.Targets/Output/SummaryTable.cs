using System.Globalization;
using System.Text;
using CamBuild.Targets.Execution;

namespace CamBuild.Targets.Output;

/// <summary>
/// Renders the end-of-build table: target, status, duration, notes, and a total footer, between horizontal rules.
/// Written directly rather than through Spectre.Console (which the plan and progress lines use): the table is printed
/// by every run, a fully cached one too, and setting up Spectre's console cost a cached run about 50 ms of CPU.
/// The layout is Spectre's horizontal-border table: one blank and a cell padding of one around each column.
/// </summary>
internal static class SummaryTable
{
    private const char Rule = '─';

    public static string Render(BuildResult result, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Targets.Select(t =>
        {
            var notes = new List<string>();
            if (t.Reason is not null) notes.Add(t.Reason);
            notes.AddRange(t.Summary.Select(kv => $"{kv.Key}: {kv.Value}"));
            var duration = t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Cached
                ? Format(t.Duration) : "";
            return new[] { t.Name, t.Status.ToString(), duration, string.Join("; ", notes) };
        }).ToList();
        string[] header = ["Target", "Status", "Duration", "Notes"];
        string[] footer = ["Total", "", Format(result.Total), ""];
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Append(footer[i].Length).Max()).ToArray();
        var rule = new string(Rule, widths.Sum(w => w + 2) + widths.Length + 1);

        var sb = new StringBuilder();
        sb.Append(rule).Append('\n');
        Line(sb, header, widths, null);
        sb.Append(rule).Append('\n');
        foreach (var row in rows) Line(sb, row, widths, colour ? StatusColour(row[1]) : null);
        sb.Append(rule).Append('\n');
        Line(sb, footer, widths, null);
        sb.Append(rule).Append('\n');
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string[] cells, int[] widths, string? statusColour)
    {
        var line = new StringBuilder(" ");
        for (var i = 0; i < cells.Length; i++)
        {
            var padded = i == 2 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            if (i == 1 && statusColour is not null && cells[i].Length > 0)
                padded = $"\u001b[{statusColour}m{cells[i]}\u001b[0m" + new string(' ', widths[i] - cells[i].Length);
            line.Append(' ').Append(padded).Append(' ');
            if (i < cells.Length - 1) line.Append(' ');
        }

        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }

    /// <summary>The ANSI colour of a status, as <see cref="ConsoleRendering.StatusStyle"/> gives it in the plan.</summary>
    private static string StatusColour(string status) => status switch
    {
        "Succeeded" => "32",
        "Cached" => "36",
        "Failed" or "Aborted" => "1;31",
        "Skipped" => "33",
        _ => "2",
    };

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 60
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min";
}
