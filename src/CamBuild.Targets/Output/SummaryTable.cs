using System.Globalization;
using CamBuild.Targets.Execution;
using Spectre.Console;

namespace CamBuild.Targets.Output;

/// <summary>Renders the end-of-build table (Spectre.Console): target, status, duration, notes, and a total footer.</summary>
internal static class SummaryTable
{
    public static string Render(BuildResult result, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table { Border = TableBorder.Horizontal, ShowFooters = true }
            .AddColumn(new TableColumn("Target") { Footer = new Text("Total") })
            .AddColumn(new TableColumn("Status"))
            .AddColumn(new TableColumn("Duration") { Alignment = Justify.Right, Footer = new Text(Format(result.Total)) })
            .AddColumn(new TableColumn("Notes") { NoWrap = true });
        foreach (var t in result.Targets)
        {
            var notes = new List<string>();
            if (t.Reason is not null) notes.Add(t.Reason);
            notes.AddRange(t.Summary.Select(kv => $"{kv.Key}: {kv.Value}"));
            var duration = t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Cached
                ? Format(t.Duration) : "";
            var status = t.Status.ToString();
            table.AddRow(new Text(t.Name), new Text(status, ConsoleRendering.StatusStyle(status)), new Text(duration),
                new Text(string.Join("; ", notes)));
        }

        return ConsoleRendering.Render(table, colour);
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 60
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min";
}
