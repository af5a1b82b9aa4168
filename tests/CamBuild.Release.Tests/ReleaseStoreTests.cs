using CamBuild.Common;
using System.Text.Json;
using CamBuild.Release.Gate;
using CamBuild.Release.Store;
using static CamBuild.Release.Tests.Records;

namespace CamBuild.Release.Tests;

public sealed class ReleaseStoreTests : IDisposable
{
    private static readonly string Config = Hash('b');
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    private string Qualifications => _temp.Combine("qualifications");
    private ReleaseStore Store => new(ReleaseStore.DefaultRoot(_temp.Combine("artifacts")));

    public void Dispose() => _temp.Dispose();

    private ApprovedPromotion Approve(string candidate)
    {
        Write(Qualifications, Passing(candidate, Config));
        return PromotionGate.Admit(candidate, Hash('c'), Config, Hash('5'), Qualifications);
    }

    [Fact]
    public void Promotion_appends_one_line_in_the_documented_format()
    {
        var candidate = Hash('a');
        var approval = Approve(candidate);

        var outcome = Store.Promote("staging", approval, "ci@builder", Noon);

        var name = $"cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb";
        Assert.Equal(PromotionKind.Promoted, outcome.Kind);
        Assert.Equal($"Promoted candidate aaaaaaaaaaaa with configuration bbbbbbbbbbbb to channel staging as release {name} (previous: none).", outcome.Message);
        var line = File.ReadAllText(Path.Combine(Store.Root, "channels", "staging.jsonl"));
        Assert.Equal(
            "{\"format\":1,\"release\":\"" + name + "\",\"channel\":\"staging\",\"action\":\"promote\"," +
            $"\"candidateId\":\"{candidate}\",\"candidateFile\":\"cam_1.0.0-aaaaaaaaaaaa_amd64.tar.zst\",\"candidateSha256\":\"{Hash('c')}\"," +
            $"\"configurationHash\":\"{Config}\",\"suitesHash\":\"{Hash('5')}\",\"qualificationRecord\":\"{approval.RecordFileName}\"," +
            $"\"qualificationRecordSha256\":\"{approval.RecordSha256}\",\"promotedAt\":\"2025-03-14T12:00:00Z\",\"promotedBy\":\"ci@builder\",\"previousRelease\":null}}\n",
            line);
        Assert.Equal(File.ReadAllBytes(approval.RecordPath), File.ReadAllBytes(Path.Combine(Store.RecordsDirectory, approval.RecordFileName)));
        Assert.Equal(name, Store.Current("staging")?.Release);
        Assert.Equal(["staging"], Store.Channels());
        Assert.Empty(Store.Verify());
    }

    [Fact]
    public void Promoting_the_current_pair_again_is_a_no_op_that_says_so()
    {
        var approval = Approve(Hash('a'));
        var first = Store.Promote("production", approval, "ci@builder", Noon);

        var again = Store.Promote("production", approval, "someone@else", Noon.AddDays(3));

        Assert.Equal(PromotionKind.AlreadyCurrent, again.Kind);
        Assert.False(again.Changed);
        Assert.Equal(first.Entry, again.Entry);
        Assert.Equal($"Release {first.Entry.Release} (candidate aaaaaaaaaaaa, configuration bbbbbbbbbbbb) is already current on channel production; nothing to do.", again.Message);
        Assert.Single(Store.History("production"));
    }

    [Fact]
    public void Rollback_is_a_new_line_reusing_the_earlier_release_name()
    {
        var a = Approve(Hash('a'));
        var b = Approve(Hash('e'));
        var first = Store.Promote("production", a, "ci@builder", Noon).Entry;
        var second = Store.Promote("production", b, "ci@builder", Noon.AddDays(1)).Entry;

        var rollback = Store.Promote("production", a, "ops@console", Noon.AddDays(2));

        Assert.Equal(PromotionKind.RolledBack, rollback.Kind);
        Assert.Equal(
            $"Rolled back channel production to release {first.Release} (candidate aaaaaaaaaaaa, configuration bbbbbbbbbbbb; previous: {second.Release}).",
            rollback.Message);
        var history = Store.History("production");
        Assert.Equal([first.Release, second.Release, first.Release], history.Select(e => e.Release));
        Assert.Equal(["promote", "promote", "rollback"], history.Select(e => e.Action));
        Assert.Equal([null, first.Release, second.Release], history.Select(e => e.PreviousRelease));
        Assert.Equal(first, history[0]);
        Assert.Equal("cam-production-20250315-eeeeeeeeeeee-bbbbbbbbbbbb", second.Release);
        Assert.Equal(Hash('a'), Store.Current("production")!.CandidateId);
    }

    [Fact]
    public void Channels_are_independent_and_listed_sorted()
    {
        var a = Approve(Hash('a'));
        Store.Promote("staging", a, "ci@builder", Noon);
        Store.Promote("production", a, "ci@builder", Noon);

        Assert.Equal(["production", "staging"], Store.Channels());
        Assert.Null(Store.Current("lab"));
        Assert.Empty(Store.History("lab"));
        Assert.StartsWith("cam-production-", Store.Current("production")!.Release);
    }

    [Fact]
    public async Task Eight_parallel_promotions_to_one_channel_give_eight_chained_lines()
    {
        var approvals = Enumerable.Range(0, 8).Select(i => Approve(Hash("0123456789abcdef"[i]))).ToList();
        using var start = new Barrier(approvals.Count);

        // Dedicated threads: eight blocked pool threads would wait seconds for the thread pool to grow.
        await Task.WhenAll(approvals.Select(approval => Task.Factory.StartNew(() =>
        {
            Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)));
            return new ReleaseStore(Store.Root).Promote("staging", approval, "ci@builder", Noon);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var lines = File.ReadAllLines(Store.ChannelPath("staging"));
        Assert.Equal(8, lines.Length);
        foreach (var line in lines)
        {
            using var parsed = JsonDocument.Parse(line);
            Assert.Equal("staging", parsed.RootElement.GetProperty("channel").GetString());
        }

        var history = Store.History("staging");
        Assert.Equal(8, history.Select(e => e.CandidateId).Distinct().Count());
        Assert.Null(history[0].PreviousRelease);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].Release, history[i].PreviousRelease);
        }
    }

    [Fact]
    public void Tampered_or_missing_record_is_reported_per_history_line()
    {
        var a = Approve(Hash('a'));
        var b = Approve(Hash('e'));
        Store.Promote("staging", a, "ci@builder", Noon);
        Store.Promote("staging", b, "ci@builder", Noon);
        var storedA = Path.Combine(Store.RecordsDirectory, a.RecordFileName);
        File.AppendAllText(storedA, " ");
        File.Delete(Path.Combine(Store.RecordsDirectory, b.RecordFileName));

        var findings = Store.Verify();

        Assert.Equal(2, findings.Count);
        Assert.Equal((1, "staging"), (findings[0].Line, findings[0].Channel));
        Assert.Contains($"the history recorded {a.RecordSha256}; it was modified after promotion", findings[0].Problem);
        Assert.Equal((2, "the qualification record is missing"), (findings[1].Line, findings[1].Problem));
        Assert.StartsWith("channel staging line 1 (release cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb): ", findings[0].ToString());
    }

    [Fact]
    public void Stored_record_that_changed_blocks_the_next_promotion()
    {
        var a = Approve(Hash('a'));
        Store.Promote("staging", a, "ci@builder", Noon);
        File.AppendAllText(Path.Combine(Store.RecordsDirectory, a.RecordFileName), "\n");

        var e = Assert.Throws<ReleaseDataException>(() => Store.Promote("production", a, "ci@builder", Noon));

        Assert.Contains("a record with the same name changed after an earlier promotion", e.Message);
        Assert.Empty(Store.History("production"));
    }

    [Fact]
    public void Interrupted_append_is_reported_with_file_and_line()
    {
        Store.Promote("staging", Approve(Hash('a')), "ci@builder", Noon);
        File.AppendAllText(Store.ChannelPath("staging"), "{\"format\":1,\"rel");

        var e = Assert.Throws<ReleaseDataException>(() => Store.History("staging"));

        Assert.Equal(
            $"{Store.ChannelPath("staging")}: line 2: the line has no terminating newline: an append was interrupted; " +
            "remove the partial last line (history lines are otherwise never edited) and promote again.", e.Message);
    }

    [Fact]
    public void Line_with_a_missing_field_is_reported()
    {
        Directory.CreateDirectory(Store.ChannelsDirectory);
        File.WriteAllText(Store.ChannelPath("staging"), "{\"format\":1,\"release\":\"x\",\"channel\":\"staging\"}\n");

        var e = Assert.Throws<ReleaseDataException>(() => Store.Current("staging"));

        Assert.StartsWith($"{Store.ChannelPath("staging")}: line 1: not a valid release entry", e.Message);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("../prod")]
    [InlineData("")]
    public void Invalid_channel_names_are_refused(string channel)
    {
        var e = Assert.Throws<InputException>(() => Store.History(channel));
        Assert.StartsWith($"Channel name '{channel}' is invalid", e.Message);
    }

    [Fact]
    public void Release_name_rule()
    {
        Assert.Equal("cam-production-20251231-0123456789ab-fedcba987654",
            ReleaseNaming.Derive("production", new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(2)),
                "0123456789ab" + new string('0', 52), "fedcba987654" + new string('1', 52)));
    }
}
