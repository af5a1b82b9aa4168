using System.Globalization;
using System.Text;
using CamBuild.Targets.Execution;

namespace CamBuild.Targets.Output;

/// <summary>Renders the end-of-build table: target, status, duration, reason, and a total row.</summary>
public static class SummaryTable
{
    public static string Render(BuildResult result)
    {
        var nameWidth = Math.Max(20, result.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 4);
        var width = nameWidth + 10 + 12 + 40;
        var sb = new StringBuilder();
        sb.AppendLine(new string('═', width));
        sb.AppendLine($"{"Target".PadRight(nameWidth)}{"Status",-10}{"Duration",10}  Notes");
        sb.AppendLine(new string('─', width));
        foreach (var t in result.Targets)
        {
            var notes = new List<string>();
            if (t.Reason is not null) notes.Add(t.Reason);
            notes.AddRange(t.Summary.Select(kv => $"{kv.Key}: {kv.Value}"));
            var duration = t.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Cached
                ? Format(t.Duration) : "";
            var line = $"{t.Name.PadRight(nameWidth)}{t.Status,-10}{duration,10}  {string.Join("; ", notes)}";
            sb.AppendLine(line.TrimEnd());
        }

        sb.AppendLine(new string('─', width));
        sb.AppendLine($"{"Total".PadRight(nameWidth)}{"",-10}{Format(result.Total),10}".TrimEnd());
        sb.AppendLine(new string('═', width));
        return sb.ToString();
    }

    public static string Format(TimeSpan duration) => duration.TotalSeconds < 60
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min";
}
