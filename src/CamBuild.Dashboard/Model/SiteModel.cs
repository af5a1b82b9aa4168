using CamBuild.Release.Store;

namespace CamBuild.Dashboard.Model;

/// <summary>Everything the site shows, read once from the records. <see cref="AsOf"/> is the newest recorded time, never now.</summary>
internal sealed record SiteModel(
    DateTimeOffset? AsOf,
    IReadOnlyList<ChannelView> Channels,
    IReadOnlyList<ReleaseView> Releases,
    IReadOnlyList<EnvironmentView> Environments,
    IReadOnlyList<CandidateView> Candidates)
{
    public ReleaseView? Release(string name, string channel) =>
        Releases.FirstOrDefault(release => release.Name == name && release.Channel == channel);
}

/// <summary>A channel: its gates from config/channels.yaml, its current release, its last delivery and its history.</summary>
/// <param name="Gates">One line per gate, e.g. "requires staging", "soak 24h".</param>
internal sealed record ChannelView(
    string Name,
    string? Environment,
    IReadOnlyList<string> Gates,
    ReleaseEntry? Current,
    DeliveryView? LastDelivery,
    IReadOnlyList<TimelineEvent> Timeline);

/// <summary>The last delivery that ended healthy on a channel.</summary>
internal sealed record DeliveryView(string? Release, string? Environment, DateTimeOffset At, int Nodes, string By);

/// <param name="Kind">promote, rollback (a promotion of an earlier pair), deliver, redeliver (a Rollback's delivery) or refusal.</param>
/// <param name="Outcome">succeeded, failed, refused, interrupted, or current / earlier for promotions.</param>
internal sealed record TimelineEvent(DateTimeOffset At, string Kind, string Outcome, string? Release, string By, string Detail);

/// <summary>One release (a pair on one channel) with everything its page shows.</summary>
internal sealed record ReleaseView(
    ReleaseEntry Entry,
    QualificationView? Qualification,
    IReadOnlyList<Verdict> Verdicts,
    SbomTotals? Sbom,
    NotesView? Notes)
{
    public string Name => Entry.Release;

    public string Channel => Entry.Channel;
}

/// <summary>The qualification record of a release (summary inline), and the report copied into the site when it exists.</summary>
/// <param name="ReportFile">Path of the report's copy, relative to the site root; null when the report was not found.</param>
/// <param name="ReportSource">Directory the report was copied from.</param>
internal sealed record QualificationView(Qualification.Records.QualificationRecord Record, string RecordFile, string? ReportFile, string? ReportSource);

/// <summary>Package counts of a candidate's CycloneDX SBOM.</summary>
internal sealed record SbomTotals(int Debian, IReadOnlyList<(string Environment, int Packages)> Python)
{
    public int Total => Debian + Python.Sum(p => p.Packages);
}

/// <summary>Release notes against the previous release of the same channel (null when it is the first, or an SBOM is missing).</summary>
/// <param name="Problem">Why the package changes are unknown (an SBOM is missing); null when they are known.</param>
internal sealed record NotesView(SupplyChain.Notes.ReleaseNotes Notes, string? Problem)
{
    public string File => $"notes/{Notes.From.Release}..{Notes.To.Release}.html";
}

/// <summary>An environment as last recorded: deploy state (roles), the last Status and what was delivered.</summary>
internal sealed record EnvironmentView(
    string Name,
    IReadOnlyList<string> Channels,
    string? CandidateId,
    string? ConfigurationHash,
    string? Release,
    DateTimeOffset? StatusCheckedAt,
    IReadOnlyList<NodeView> Nodes)
{
    public bool HasStatus => StatusCheckedAt is not null;
}

/// <param name="Health">healthy, unhealthy or unknown (no Status recorded).</param>
/// <param name="Drift">none, drifted or unknown.</param>
internal sealed record NodeView(string Hostname, IReadOnlyList<string> Roles, string? Release, string Container, string Health, string Drift,
    string? Problem, DateTimeOffset? LastChange);

/// <summary>A candidate of the store: size, age from its provenance, reproducibility, and where it runs or is current.</summary>
internal sealed record CandidateView(string Id, string File, long Size, DateTimeOffset? BakedAt, Verdict Reproducibility,
    IReadOnlyList<string> RunsOn, IReadOnlyList<string> CurrentOn);
