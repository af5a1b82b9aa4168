using CamBuild.Common;
using System.Text;
using CamBuild.Release.Gate;

namespace CamBuild.Release.Store;

/// <summary>
/// Release store: a plain directory (default <c>&lt;artifacts&gt;/releases</c>) holding
/// <c>channels/&lt;channel&gt;.jsonl</c> (append-only history, one <see cref="ReleaseEntry"/> per line, last line = current)
/// and <c>records/</c> (copies of the qualification records the history refers to, so the store stands alone).
/// Appends are fsync'd under an exclusive per-channel lock, so concurrent promotions never interleave or lose a line.
/// </summary>
public sealed class ReleaseStore
{
    private readonly TimeSpan _lockTimeout;

    public ReleaseStore(string root, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(60);
    }

    public string Root { get; }
    public string ChannelsDirectory => Path.Combine(Root, "channels");
    public string RecordsDirectory => Path.Combine(Root, "records");

    public static string DefaultRoot(string artifactsRoot) => Path.Combine(artifactsRoot, "releases");

    public static string DefaultActor => $"{Environment.UserName}@{Environment.MachineName}";

    public string ChannelPath(string channel) => Path.Combine(ChannelsDirectory, ReleaseNaming.RequireChannel(channel) + ".jsonl");

    /// <summary>
    /// Makes the approved (candidate, configuration) pair current on <paramref name="channel"/>. A pair that is already
    /// current is a no-op; a pair promoted there before is a rollback and keeps its release name.
    /// </summary>
    public PromotionOutcome Promote(string channel, ApprovedPromotion approval, string? actor = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var channelPath = ChannelPath(channel);
        var promotedBy = RequireActor(actor ?? DefaultActor);
        Directory.CreateDirectory(ChannelsDirectory);

        using var channelLock = ChannelLock.Acquire(Path.Combine(ChannelsDirectory, channel + ".lock"), _lockTimeout);
        var history = ChannelHistoryReader.Read(channelPath, channel);
        var current = history.LastOrDefault();
        var (candidateId, configurationHash) = (approval.CandidateId, approval.ConfigurationHash);
        if (current is not null && current.IsSamePair(candidateId, configurationHash))
        {
            return new PromotionOutcome(PromotionKind.AlreadyCurrent, current,
                $"Release {current.Release} (candidate {ReleaseNaming.Short(candidateId)}, configuration {ReleaseNaming.Short(configurationHash)}) " +
                $"is already current on channel {channel}; nothing to do.");
        }

        var when = (at ?? DateTimeOffset.UtcNow).ToUniversalTime();
        var earlier = history.FirstOrDefault(e => e.IsSamePair(candidateId, configurationHash));
        var name = earlier?.Release ?? ReleaseNaming.Derive(channel, when, candidateId, configurationHash);
        if (earlier is null && history.Any(e => e.Release == name))
        {
            throw new ReleaseDataException(
                $"{channelPath}: release name {name} is already used by another (candidate, configuration) pair; the short hashes collide. Promote a different candidate or configuration.");
        }

        StoreRecordCopy(approval);
        var record = approval.Record;
        var entry = new ReleaseEntry(
            ReleaseEntry.CurrentFormat, name, channel,
            earlier is null ? ReleaseEntry.PromoteAction : ReleaseEntry.RollbackAction,
            candidateId, record.Candidate.File, record.Candidate.Sha256, configurationHash, record.SuitesHash,
            approval.RecordFileName, approval.RecordSha256, when, promotedBy, current?.Release);
        AtomicFile.AppendDurably(channelPath, Encoding.UTF8.GetBytes(entry.ToJsonLine()));

        var previous = current?.Release ?? "none";
        return earlier is null
            ? new PromotionOutcome(PromotionKind.Promoted, entry,
                $"Promoted candidate {ReleaseNaming.Short(candidateId)} with configuration {ReleaseNaming.Short(configurationHash)} to channel {channel} as release {name} (previous: {previous}).")
            : new PromotionOutcome(PromotionKind.RolledBack, entry,
                $"Rolled back channel {channel} to release {name} (candidate {ReleaseNaming.Short(candidateId)}, configuration {ReleaseNaming.Short(configurationHash)}; previous: {previous}).");
    }

    /// <summary>The channel's current release, or null when nothing was promoted to it.</summary>
    public ReleaseEntry? Current(string channel) => History(channel) is { Count: > 0 } history ? history[^1] : null;

    /// <summary>Every promotion to the channel, oldest first.</summary>
    public IReadOnlyList<ReleaseEntry> History(string channel) => ChannelHistoryReader.Read(ChannelPath(channel), channel);

    /// <summary>Names of the channels that have a history, sorted.</summary>
    public IReadOnlyList<string> Channels() =>
        !Directory.Exists(ChannelsDirectory)
            ? []
            : Directory.EnumerateFiles(ChannelsDirectory, "*.jsonl")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToList();

    /// <summary>Checks every history line (of one channel, or all) against its stored qualification record.</summary>
    internal IReadOnlyList<TamperFinding> Verify(string? channel = null)
    {
        var findings = new List<TamperFinding>();
        foreach (var name in channel is null ? Channels() : [channel])
        {
            var history = History(name);
            for (var i = 0; i < history.Count; i++)
            {
                var entry = history[i];
                var path = Path.Combine(RecordsDirectory, entry.QualificationRecord);
                string? problem = !File.Exists(path)
                    ? "the qualification record is missing"
                    : Sha256.OfFile(path).Hex is var actual && actual != entry.QualificationRecordSha256
                        ? $"the qualification record has sha256 {actual}, the history recorded {entry.QualificationRecordSha256}; it was modified after promotion"
                        : null;
                if (problem is not null)
                {
                    findings.Add(new TamperFinding(name, i + 1, entry.Release, path, problem));
                }
            }
        }

        return findings;
    }

    private void StoreRecordCopy(ApprovedPromotion approval)
    {
        Directory.CreateDirectory(RecordsDirectory);
        var path = Path.Combine(RecordsDirectory, approval.RecordFileName);
        if (File.Exists(path))
        {
            var existing = Sha256.OfFile(path).Hex;
            if (existing == approval.RecordSha256)
            {
                return;
            }

            throw new ReleaseDataException(
                $"{path}: the stored qualification record has sha256 {existing} but the approved record {approval.RecordPath} has {approval.RecordSha256}; " +
                "a record with the same name changed after an earlier promotion. Find out which copy is genuine before promoting.");
        }

        AtomicFile.WriteAllBytes(path, approval.RecordBytes);
    }

    private static string RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Any(char.IsControl))
        {
            throw new InputException($"Actor '{actor}' is invalid: give a non-empty name without control characters (e.g. user@host).");
        }

        return actor;
    }
}
