using System.Text;
using CamBuild.Targets.Execution;

namespace CamBuild.Targets.Output;

/// <summary>
/// The <c>--explain</c> and <c>--expect-cached</c> report: each planned target as it would end if the plan ran now
/// (cached, executes, skipped) with the reasons, then one line naming the targets that would execute.
/// </summary>
internal static class ExplainText
{
    public static string Render(IReadOnlyList<TargetForecast> forecast, bool verdict = true)
    {
        var sb = new StringBuilder();
        var width = forecast.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 3;
        foreach (var t in forecast)
        {
            sb.Append("  ").Append(t.Name.PadRight(width)).AppendLine(Label(t.Status));
            foreach (var reason in t.Reasons)
                sb.Append("  ").Append(new string(' ', width)).Append("- ").AppendLine(reason);
        }

        if (verdict) sb.AppendLine().AppendLine(Verdict(forecast));
        return sb.ToString();
    }

    /// <summary>"Nothing would execute: ..." or "N of M targets would execute: A, B."</summary>
    public static string Verdict(IReadOnlyList<TargetForecast> forecast)
    {
        var executing = forecast.Where(t => t.Executes).Select(t => t.Name).ToList();
        return executing.Count == 0
            ? $"Nothing would execute: {forecast.Count(t => t.Status == TargetStatus.Cached)} cached, {forecast.Count(t => t.Status == TargetStatus.Skipped)} skipped."
            : $"{executing.Count} of {forecast.Count} targets would execute: {string.Join(", ", executing)}.";
    }

    private static string Label(TargetStatus status) => status switch
    {
        TargetStatus.Cached => "cached",
        TargetStatus.Skipped => "skipped",
        _ => "executes",
    };
}
