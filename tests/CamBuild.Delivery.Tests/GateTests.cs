using CamBuild.Delivery.Config;
using CamBuild.Delivery.Gates;
using CamBuild.Delivery.History;
using CamBuild.Qualification.Records;
using CamBuild.Release.Gate;
using CamBuild.Release.Store;

namespace CamBuild.Delivery.Tests;

public sealed class GateTests : IDisposable
{
    private static readonly string CandidateA = new('a', 64);
    private static readonly string CandidateB = new('b', 64);
    private static readonly string Staging = new('1', 64);
    private static readonly string Production = new('2', 64);
    private static readonly string Suites = new('5', 64);
    // Tuesday 2026-11-10 10:00 in Johannesburg (UTC+2): inside the production window.
    private static readonly DateTimeOffset Open = new(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();
    private readonly ChannelsConfig channels = ChannelsConfigLoader.Parse("""
        channels:
          - name: staging
            environment: local
          - name: production
            environment: cam
            requires: staging
            soak: 24h
            approvals: 2
            windows:
              - days: [mon, tue, wed, thu]
                hours: "08:00-15:00"
                time_zone: Africa/Johannesburg
            freezes:
              - from: 2026-12-18
                to: 2027-01-04
                reason: end-of-year shutdown
                time_zone: Africa/Johannesburg
        """, "channels.yaml");

    private ReleaseStore Releases => new(Path.Combine(temp.Path, "releases"));
    private DeliveryHistory History => new(Path.Combine(temp.Path, "releases"));
    private ApprovalStore Approvals => new(Path.Combine(temp.Path, "releases"));
    private ChannelGates Gates => new(channels, Releases, History, Approvals);
    private static GateSubject ProductionB => new(CandidateB, Production, Suites, "cam");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_candidate_that_is_not_current_upstream_is_refused_with_the_command_that_puts_it_there()
    {
        Promote("staging", CandidateA, Staging);

        var refusals = Gates.ForPromotion("production", ProductionB, Suites, Open);

        var requires = Assert.Single(refusals, r => r.Gate == "requires");
        Assert.Contains("not the current release of upstream channel 'staging'", requires.Lacking, StringComparison.Ordinal);
        Assert.Contains("./build.sh Promote --skip --channel staging --candidate bbbbbbbbbbbb", requires.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Soak_counts_from_the_last_healthy_delivery_upstream()
    {
        Promote("staging", CandidateB, Staging);
        Delivered("staging", CandidateB, Staging, Open - TimeSpan.FromHours(5));

        var soak = Assert.Single(Gates.ForPromotion("production", ProductionB, Suites, Open), r => r.Gate == "soak");

        Assert.Contains("for 5h of 1d", soak.Lacking, StringComparison.Ordinal);
        Assert.Contains("wait until 2026-11-11 03:00 UTC", soak.Command, StringComparison.Ordinal);
        Assert.DoesNotContain(Gates.ForPromotion("production", ProductionB, Suites, Open + TimeSpan.FromHours(19)), r => r.Gate == "soak");
    }

    [Fact]
    public void Soak_without_any_delivery_upstream_asks_for_one()
    {
        Promote("staging", CandidateB, Staging);

        var soak = Assert.Single(Gates.ForPromotion("production", ProductionB, Suites, Open), r => r.Gate == "soak");

        Assert.Contains("./build.sh Deliver --channel staging", soak.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_that_started_and_never_ended_is_recorded_as_interrupted_once_and_restarts_the_soak()
    {
        Promote("staging", CandidateB, Staging);
        Delivered("staging", CandidateB, Staging, Open - TimeSpan.FromDays(2));
        Assert.DoesNotContain(Gates.ForPromotion("production", ProductionB, Suites, Open), r => r.Gate == "soak");
        Assert.Null(History.RecordInterrupted("staging", [], "deliver of release r", Open));
        var killedAt = Open - TimeSpan.FromHours(1);
        History.Append(new DeliveryEvent("deliver", DeliveryEvent.Started, "staging", "r2", CandidateB, Staging, "local", killedAt, null, [], "ci", null));

        var interrupted = History.RecordInterrupted("staging", ["api1", "web1"], "deliver of release r2", Open);

        Assert.NotNull(interrupted);
        Assert.Equal((DeliveryEvent.Interrupted, killedAt, (DateTimeOffset?)Open), (interrupted.Outcome, interrupted.StartedAt, interrupted.FinishedAt));
        Assert.Equal(["api1", "web1"], interrupted.Nodes);
        Assert.Contains("ended without recording an outcome", interrupted.Message, StringComparison.Ordinal);
        Assert.Contains("2 node(s) mid-swap: api1, web1", interrupted.Message, StringComparison.Ordinal);
        Assert.Equal((DeliveryEvent.Interrupted, "r2"), (History.Read("staging")[^1].Outcome, History.Read("staging")[^1].Release));
        Assert.Null(History.RecordInterrupted("staging", [], "deliver of release r2", Open));
        var soak = Assert.Single(Gates.ForPromotion("production", ProductionB, Suites, Open), r => r.Gate == "soak");
        Assert.Contains("failed or was interrupted", soak.Lacking, StringComparison.Ordinal);
    }

    [Fact]
    public void Approvals_count_distinct_approvers_of_exactly_this_pair()
    {
        Promote("staging", CandidateB, Staging);
        Delivered("staging", CandidateB, Staging, Open - TimeSpan.FromDays(2));
        Approvals.Approve("production", CandidateB, Production, "ann@site", Open);
        Approvals.Approve("production", CandidateB, Production, "ann@site", Open);
        Approvals.Approve("production", CandidateA, Production, "bob@site", Open);

        var refusal = Assert.Single(Gates.ForPromotion("production", ProductionB, Suites, Open));

        Assert.Equal("approvals", refusal.Gate);
        Assert.Contains("1 of 2 approval(s)", refusal.Lacking, StringComparison.Ordinal);
        Assert.Contains("ann@site", refusal.Lacking, StringComparison.Ordinal);
        Assert.Contains("./build.sh Approve --channel production --environment cam --candidate bbbbbbbbbbbb --approver <name>", refusal.Command, StringComparison.Ordinal);

        Approvals.Approve("production", CandidateB, Production, "bob@site", Open);
        Assert.Empty(Gates.ForPromotion("production", ProductionB, Suites, Open));
    }

    [Fact]
    public void Qualification_on_other_suites_is_refused_for_promotion_and_delivery()
    {
        var other = new string('6', 64);

        var promotion = Assert.Single(Gates.ForPromotion("staging", new GateSubject(CandidateA, Staging, other, "local"), Suites, Open));
        var delivery = Assert.Single(Gates.ForDelivery("staging", new GateSubject(CandidateA, Staging, other, "local"), Suites, Open));

        Assert.Equal("qualification", promotion.Gate);
        Assert.Contains("./build.sh Qualify --environment local", promotion.Command, StringComparison.Ordinal);
        Assert.Equal("qualification", delivery.Gate);
    }

    [Fact]
    public void Outside_the_window_promotion_and_delivery_are_refused_with_the_next_open_time()
    {
        // Thursday 2026-11-12 16:00 Johannesburg: after hours; next open Monday 2026-11-16 08:00 (06:00 UTC).
        var closed = new DateTimeOffset(2026, 11, 12, 14, 0, 0, TimeSpan.Zero);

        var refusal = Assert.Single(Gates.ForDelivery("production", ProductionB, Suites, closed));

        Assert.Equal("window", refusal.Gate);
        Assert.Contains("next open time: 2026-11-16 06:00 UTC", refusal.Lacking, StringComparison.Ordinal);
        Assert.Contains("./build.sh Deliver --channel production at or after 2026-11-16 06:00 UTC", refusal.Command, StringComparison.Ordinal);
        Assert.Contains(Gates.ForPromotion("production", ProductionB, Suites, closed), r => r.Gate == "window");
    }

    [Fact]
    public void In_a_freeze_the_next_open_time_is_the_first_window_after_it()
    {
        var frozen = new DateTimeOffset(2026, 12, 22, 8, 0, 0, TimeSpan.Zero);

        var refusal = Assert.Single(Gates.ForDelivery("production", ProductionB, Suites, frozen));

        Assert.Equal("freeze", refusal.Gate);
        Assert.Contains("end-of-year shutdown", refusal.Lacking, StringComparison.Ordinal);
        // The freeze ends with Sunday 2027-01-04 (a Monday); Tuesday 2027-01-05 08:00 SAST is the first window after it.
        Assert.Contains("next open time: 2027-01-05 06:00 UTC", refusal.Lacking, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_without_windows_is_always_open()
    {
        var staging = channels.Require("staging");

        Assert.True(WindowGate.IsOpen(staging, new DateTimeOffset(2026, 11, 15, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Open, WindowGate.NextOpen(staging, Open));
        Assert.Empty(Gates.ForDelivery("staging", new GateSubject(CandidateA, Staging, Suites, "local"), Suites, Open));
    }

    [Fact]
    public void The_refusal_exception_is_an_input_error_naming_every_gate()
    {
        var refused = new GateRefusedException("Promote", "production", Gates.ForPromotion("production", ProductionB, new string('7', 64),
            new DateTimeOffset(2026, 11, 14, 10, 0, 0, TimeSpan.Zero)));

        Assert.IsAssignableFrom<CamBuild.Common.InputException>(refused);
        foreach (var gate in new[] { "window", "qualification", "requires", "soak", "approvals" })
        {
            Assert.Contains($"gate '{gate}'", refused.Message, StringComparison.Ordinal);
        }
        Assert.Contains("satisfy it with: ", refused.Message, StringComparison.Ordinal);
    }

    private void Promote(string channel, string candidate, string configuration)
    {
        var records = Path.Combine(temp.Path, "qualifications");
        Directory.CreateDirectory(records);
        var sha = new string('c', 64);
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, new CandidateIdentity(candidate, "c.tar.zst", sha), configuration, Suites,
            "local", Open.AddHours(-1), Open.AddMinutes(-50), true, [new SuiteOutcome("system", "acceptance", 3, 0, 0, 1, "j.xml", [])], null);
        File.WriteAllText(Path.Combine(records, record.FileName), record.ToJson());
        Releases.Promote(channel, PromotionGate.Admit(candidate, sha, configuration, Suites, records));
    }

    private void Delivered(string channel, string candidate, string configuration, DateTimeOffset at) =>
        History.Append(new DeliveryEvent("deliver", DeliveryEvent.Succeeded, channel, "r", candidate, configuration, "local", at - TimeSpan.FromMinutes(2), at, ["m000"], "ci", null));
}
