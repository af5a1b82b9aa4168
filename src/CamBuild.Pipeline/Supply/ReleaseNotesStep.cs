using CamBuild.Dashboard.Reading;
using CamBuild.Qualification.Records;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Notes;
using CamBuild.SupplyChain.Sbom;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// ReleaseNotes --from R1 --to R2: the two releases from the channel histories, their candidates' CycloneDX SBOMs,
/// configuration hashes and qualification records -> <c>artifacts/releases/notes/R1..R2.md</c> (the GitHub release body) and <c>.json</c>.
/// </summary>
public static class ReleaseNotesStep
{
    public static ReleaseNotes Build(PipelinePaths paths, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var store = new ReleaseStore(paths.Releases);
        var (fromEntry, fromRecord) = Find(paths, store, from);
        var (toEntry, toRecord) = Find(paths, store, to);
        return new ReleaseNotes(ReleaseSides.Of(fromEntry, fromRecord), ReleaseSides.Of(toEntry, toRecord),
            PackageChanges.Between(Inventory(paths, fromEntry), Inventory(paths, toEntry)));
    }

    public static IReadOnlyList<string> Write(PipelinePaths paths, ReleaseNotes notes)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(notes);
        var directory = Directory.CreateDirectory(Path.Combine(paths.Releases, "notes")).FullName;
        var stem = Path.Combine(directory, $"{notes.From.Release}..{notes.To.Release}");
        AtomicFile.WriteAllText(stem + ".md", notes.ToMarkdown());
        AtomicFile.WriteAllText(stem + ".json", notes.ToJson());
        return [stem + ".md", stem + ".json"];
    }

    public static void Run(PipelinePaths paths, string? from, string? to, TargetContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (from is null || to is null) throw new InputException("ReleaseNotes needs --from RELEASE and --to RELEASE (see ./build.sh Releases --channel NAME).");
        var notes = Build(paths, from, to);
        var files = Write(paths, notes);
        foreach (var line in notes.ToMarkdown().TrimEnd('\n').Split('\n')) context.Log.Info(line);
        context.ReportSummary("Notes", string.Join(", ", files.Select(paths.Relative)));
    }

    private static (ReleaseEntry Entry, QualificationRecord? Record) Find(PipelinePaths paths, ReleaseStore store, string release)
    {
        var entries = store.Channels().SelectMany(store.History).ToList();
        var entry = entries.LastOrDefault(e => e.Release == release)
            ?? throw new InputException($"release '{release}' is in no channel history under {paths.Relative(store.ChannelsDirectory)}; known: " +
                $"{(entries.Count == 0 ? "none" : string.Join(", ", entries.Select(e => e.Release).Distinct(StringComparer.Ordinal).TakeLast(10)))}.");
        var recordPath = Path.Combine(paths.Qualifications, entry.QualificationRecord);
        var record = File.Exists(recordPath) ? QualificationRecord.FromJson(File.ReadAllText(recordPath), recordPath) : null;
        return (entry, record);
    }

    private static SbomInventory Inventory(PipelinePaths paths, ReleaseEntry entry)
    {
        var sbom = Path.Combine(paths.Candidates, entry.CandidateId, CycloneDxWriter.FileName);
        if (!File.Exists(sbom))
            throw new InputException($"{paths.Relative(sbom)} not found: release {entry.Release}'s candidate has no SBOM; " +
                $"write it with ./build.sh BakeCandidate --force --candidate {entry.CandidateId[..12]} or restore the candidate store.");
        return SbomInventory.ReadCycloneDx(File.ReadAllText(sbom), sbom);
    }
}
