using CamBuild.Dashboard.Model;
using CamBuild.Qualification.Records;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Notes;
using CamBuild.SupplyChain.Sbom;

namespace CamBuild.Dashboard.Reading;

/// <summary>The releases of one channel: qualification, verdicts, SBOM totals and notes against the previous release there.</summary>
internal static class ReleaseReader
{
    public static IEnumerable<ReleaseView> Read(DashboardSources sources, IReadOnlyList<ReleaseEntry> history)
    {
        var store = new ReleaseStore(sources.Releases);
        // A release promoted again (a rollback) keeps its name: one page, showing its latest line; notes compare it
        // with the release that was current before its first promotion.
        foreach (var group in history.GroupBy(entry => entry.Release, StringComparer.Ordinal))
        {
            var first = group.First();
            var entry = group.Last();
            var qualification = Qualification(sources, store, entry);
            var verdicts = new List<Verdict>
            {
                sources.Checks.Provenance(CandidateDirectory(sources, entry.CandidateId), entry.CandidateId),
                qualification is null
                    ? new Verdict("qualification", VerdictState.Missing, $"the release store has no record {entry.QualificationRecord}")
                    : sources.Checks.Qualification(Path.Combine(store.RecordsDirectory, entry.QualificationRecord), qualification.Record),
            };
            verdicts.AddRange(sources.Checks.Release(entry));
            verdicts.Add(sources.Checks.Rebuild(CandidateDirectory(sources, entry.CandidateId), entry.CandidateId));
            var inventory = Inventory(sources, entry.CandidateId);
            var previous = first.PreviousRelease is null ? null : history.FirstOrDefault(e => e.Release == first.PreviousRelease);
            yield return new ReleaseView(entry, qualification, verdicts, inventory is null ? null : Totals(inventory),
                previous is null ? null : Notes(sources, store, previous, entry, inventory));
        }
    }

    public static string CandidateDirectory(DashboardSources sources, string candidateId) => Path.Combine(sources.Candidates, candidateId);

    private static QualificationView? Qualification(DashboardSources sources, ReleaseStore store, ReleaseEntry entry)
    {
        var record = RecordOf(store, entry);
        if (record is null)
        {
            return null;
        }
        var report = record.Report is null ? null : Path.GetFullPath(Path.Combine(sources.Qualifications, record.Report));
        var copy = $"qualifications/{ReleaseNaming.Short(record.Candidate.Id)}-{ReleaseNaming.Short(record.ConfigurationHash)}-{ReleaseNaming.Short(record.SuitesHash)}";
        return report is not null && File.Exists(report)
            ? new QualificationView(record, entry.QualificationRecord, copy + "/" + Path.GetFileName(report), Path.GetDirectoryName(report))
            : new QualificationView(record, entry.QualificationRecord, null, null);
    }

    private static QualificationRecord? RecordOf(ReleaseStore store, ReleaseEntry entry)
    {
        var path = Path.Combine(store.RecordsDirectory, entry.QualificationRecord);
        return File.Exists(path) ? QualificationRecord.FromJson(File.ReadAllText(path), path) : null;
    }

    private static SbomInventory? Inventory(DashboardSources sources, string candidateId)
    {
        var path = Path.Combine(CandidateDirectory(sources, candidateId), CycloneDxWriter.FileName);
        return File.Exists(path) ? SbomInventory.ReadCycloneDx(File.ReadAllText(path), path) : null;
    }

    private static SbomTotals Totals(SbomInventory inventory) =>
        new(inventory.Debian.Count, [.. inventory.Python.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Count))]);

    private static NotesView Notes(DashboardSources sources, ReleaseStore store, ReleaseEntry from, ReleaseEntry to, SbomInventory? toInventory)
    {
        var fromInventory = Inventory(sources, from.CandidateId);
        var notes = new ReleaseNotes(ReleaseSides.Of(from, RecordOf(store, from)), ReleaseSides.Of(to, RecordOf(store, to)),
            fromInventory is null || toInventory is null ? [] : PackageChanges.Between(fromInventory, toInventory));
        var missing = new[] { (from, fromInventory), (to, toInventory) }.Where(side => side.Item2 is null).Select(side => side.Item1.Release).ToList();
        return new NotesView(notes, missing.Count == 0 ? null
            : $"package changes unknown: no SBOM ({CycloneDxWriter.FileName}) in the candidate store for {string.Join(" and ", missing)}");
    }
}

/// <summary>One side of release notes from a channel entry and its qualification record (shared with the ReleaseNotes target).</summary>
internal static class ReleaseSides
{
    public static ReleaseSide Of(ReleaseEntry e, QualificationRecord? r)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Release, e.Channel, e.CandidateId, e.ConfigurationHash, r?.Environment ?? "?", r?.Passed ?? false,
            r?.Suites.Sum(s => s.Passed) ?? 0, r?.Suites.Sum(s => s.Failed) ?? 0, r?.Suites.Sum(s => s.Skipped) ?? 0,
            [.. (r?.Suites ?? []).Select(s => s.Name)], e.PromotedAt);
    }
}
