using CamBuild.Delivery.Config;
using CamBuild.Delivery.History;
using CamBuild.Release.Store;

namespace CamBuild.Delivery.Gates;

/// <summary>The pair asked to enter a channel and what it was qualified with.</summary>
/// <param name="SuitesHash">Suites hash of the qualification record the pair passed.</param>
/// <param name="Environment">The environment whose configuration hash this is (for the commands in refusals).</param>
public sealed record GateSubject(string CandidateId, string ConfigurationHash, string SuitesHash, string Environment);

/// <summary>
/// The gates of <c>config/channels.yaml</c>, evaluated against the evidence in the release store (upstream channel, its
/// delivery history, approvals) and the current qualification suites. Every gate is checked and every refusal reported.
/// </summary>
public sealed class ChannelGates(ChannelsConfig channels, ReleaseStore releases, DeliveryHistory deliveries, ApprovalStore approvals)
{
    /// <summary>Refusals for promoting <paramref name="subject"/> to <paramref name="channel"/> at <paramref name="now"/>; empty = admitted.</summary>
    public IReadOnlyList<GateRefusal> ForPromotion(string channel, GateSubject subject, string currentSuitesHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var config = channels.Require(channel);
        var candidate = ReleaseNaming.Short(subject.CandidateId);
        var promote = $"./build.sh Promote --skip --channel {channel} --environment {subject.Environment} --candidate {candidate}";
        var refusals = new List<GateRefusal>();
        if (WindowGate.Check(config, now, promote) is { } closed)
        {
            refusals.Add(closed);
        }
        if (Suites(subject, currentSuitesHash) is { } suites)
        {
            refusals.Add(suites);
        }
        if (config.Requires is { } upstream)
        {
            var current = releases.Current(upstream);
            if (current is null || current.CandidateId != subject.CandidateId)
            {
                refusals.Add(new GateRefusal("requires",
                    $"candidate {candidate} is not the current release of upstream channel '{upstream}' (current: {current?.Release ?? "nothing promoted"})",
                    $"./build.sh Promote --skip --channel {upstream} --candidate {candidate}, then ./build.sh Deliver --channel {upstream}"));
            }
            if (config.Soak > TimeSpan.Zero && Soak(config, upstream, subject, now) is { } soak)
            {
                refusals.Add(soak);
            }
        }
        var approved = approvals.For(channel, subject.CandidateId, subject.ConfigurationHash);
        if (approved.Count < config.Approvals)
        {
            refusals.Add(new GateRefusal("approvals",
                $"{approved.Count} of {config.Approvals} approval(s) for candidate {candidate} with configuration {ReleaseNaming.Short(subject.ConfigurationHash)}" +
                (approved.Count > 0 ? $" (approved by {string.Join(", ", approved.Select(a => a.ApprovedBy))})" : ""),
                $"./build.sh Approve --channel {channel} --environment {subject.Environment} --candidate {candidate} --approver <name>" +
                (config.Approvals - approved.Count > 1 ? $" (by {config.Approvals - approved.Count} more people)" : "")));
        }
        return refusals;
    }

    /// <summary>Refusals for delivering the channel's current release now; empty = admitted.</summary>
    public IReadOnlyList<GateRefusal> ForDelivery(string channel, GateSubject subject, string currentSuitesHash, DateTimeOffset now, string action = "Deliver")
    {
        ArgumentNullException.ThrowIfNull(subject);
        var config = channels.Require(channel);
        var refusals = new List<GateRefusal>();
        if (WindowGate.Check(config, now, $"./build.sh {action} --channel {channel}") is { } closed)
        {
            refusals.Add(closed);
        }
        if (Suites(subject, currentSuitesHash) is { } suites)
        {
            refusals.Add(suites);
        }
        return refusals;
    }

    private static GateRefusal? Suites(GateSubject subject, string currentSuitesHash) =>
        subject.SuitesHash == currentSuitesHash ? null : new GateRefusal("qualification",
            $"candidate {ReleaseNaming.Short(subject.CandidateId)} was qualified with suites {ReleaseNaming.Short(subject.SuitesHash)}, " +
            $"but the current suites (config/qualification) hash to {ReleaseNaming.Short(currentSuitesHash)}",
            $"./build.sh Qualify --environment {subject.Environment} --candidate {ReleaseNaming.Short(subject.CandidateId)}, then promote again");

    private GateRefusal? Soak(ChannelConfig config, string upstream, GateSubject subject, DateTimeOffset now)
    {
        var events = deliveries.Read(upstream);
        var last = events.LastOrDefault(e => e.Kind != "refusal" && e.Outcome == DeliveryEvent.Succeeded);
        var candidate = ReleaseNaming.Short(subject.CandidateId);
        if (last is null || last.CandidateId != subject.CandidateId)
        {
            return new GateRefusal("soak",
                $"candidate {candidate} is not what upstream channel '{upstream}' runs (last healthy delivery: {last?.Release ?? "none"}); " +
                $"it must run there healthy for {DurationValue.Format(config.Soak)}",
                $"./build.sh Deliver --channel {upstream}, then wait {DurationValue.Format(config.Soak)}");
        }
        var since = last.FinishedAt ?? last.StartedAt;
        var ready = since + config.Soak;
        var failedSince = events.Any(e => e.StartedAt > since && e.Kind != "refusal" && e.Outcome is DeliveryEvent.Failed or DeliveryEvent.Interrupted);
        if (failedSince)
        {
            return new GateRefusal("soak", $"a delivery to upstream channel '{upstream}' failed or was interrupted after candidate {candidate} was delivered there at {WindowGate.Utc(since)}",
                $"./build.sh Status --environment {events[^1].Environment} and ./build.sh Deliver --channel {upstream}, then wait {DurationValue.Format(config.Soak)}");
        }
        return ready <= now ? null : new GateRefusal("soak",
            $"candidate {candidate} has run on upstream channel '{upstream}' for {DurationValue.Format(now - since)} of {DurationValue.Format(config.Soak)} " +
            $"(delivered {WindowGate.Utc(since)})",
            $"wait until {WindowGate.Utc(ready)}, then promote again");
    }
}
