using System.Globalization;
using CamBuild.Dashboard.Model;
using CamBuild.Delivery.Config;
using CamBuild.Delivery.History;
using CamBuild.Release.Store;

namespace CamBuild.Dashboard.Reading;

/// <summary>A channel's gates, current release, last healthy delivery and its timeline (promotions and delivery events).</summary>
internal static class ChannelTimeline
{
    private static readonly string[] KindOrder = ["promote", "rollback", "deliver", "redeliver", "refusal"];

    public static ChannelView View(string name, string? environment, ChannelConfig? config, IReadOnlyList<ReleaseEntry> entries,
        IReadOnlyList<DeliveryEvent> deliveries)
    {
        var events = new List<TimelineEvent>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            events.Add(new TimelineEvent(e.PromotedAt, e.Action == ReleaseEntry.RollbackAction ? "rollback" : "promote",
                i == entries.Count - 1 ? "current" : "promoted", e.Release, e.PromotedBy,
                $"candidate {ReleaseNaming.Short(e.CandidateId)}, configuration {ReleaseNaming.Short(e.ConfigurationHash)}; previous: {e.PreviousRelease ?? "none"}"));
        }
        var ended = deliveries.Where(e => e.Outcome != DeliveryEvent.Started)
            .Select(e => (e.Kind, e.Channel, e.StartedAt)).ToHashSet();
        foreach (var e in deliveries)
        {
            if (e.Outcome == DeliveryEvent.Started && ended.Contains((e.Kind, e.Channel, e.StartedAt)))
            {
                continue;
            }
            var kind = e.Kind switch { "refusal" => "refusal", "rollback" => "redeliver", _ => "deliver" };
            var detail = e.Kind == "refusal"
                ? FirstLine(e.Message)
                : $"{e.Environment}: {e.Nodes.Count} node(s){(e.Nodes.Count == 0 ? "" : " (" + string.Join(", ", e.Nodes) + ")")}" +
                  (e.Message is null ? "" : "; " + FirstLine(e.Message));
            events.Add(new TimelineEvent(e.FinishedAt ?? e.StartedAt, kind, e.Outcome, e.Release, e.By, detail));
        }
        var ordered = events.OrderBy(e => e.At).ThenBy(e => Array.IndexOf(KindOrder, e.Kind))
            .ThenBy(e => e.Release, StringComparer.Ordinal).ThenBy(e => e.Detail, StringComparer.Ordinal).ToList();
        var last = deliveries.LastOrDefault(e => e.Kind != "refusal" && e.Outcome == DeliveryEvent.Succeeded);
        return new ChannelView(name, environment, config is null ? [] : Gates(config), entries.Count > 0 ? entries[^1] : null,
            last is null ? null : new DeliveryView(last.Release, last.Environment, last.FinishedAt ?? last.StartedAt, last.Nodes.Count, last.By),
            ordered);
    }

    public static IReadOnlyList<string> Gates(ChannelConfig config)
    {
        var gates = new List<string>();
        if (config.Requires is { } upstream)
        {
            gates.Add($"requires {upstream}" + (config.Soak > TimeSpan.Zero ? $", soaked {Duration(config.Soak)}" : ""));
        }
        if (config.Approvals > 0)
        {
            gates.Add($"{config.Approvals} approval(s)");
        }
        gates.AddRange(config.Windows.Select(window => $"window {window}"));
        gates.AddRange(config.Freezes.Select(freeze =>
            $"freeze {freeze.From:yyyy-MM-dd}..{freeze.To:yyyy-MM-dd} ({freeze.Reason})"));
        if (config.RebuildRequired)
        {
            gates.Add("identical independent rebuild");
        }
        return gates.Count == 0 ? ["none: any qualified release"] : gates;
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0
            ? ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
            : ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";

    private static string FirstLine(string? message) => message is null ? "" : message.Split('\n', 2)[0].Trim();
}
