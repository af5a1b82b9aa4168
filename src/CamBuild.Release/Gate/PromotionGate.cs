using System.Globalization;
using System.Text;
using CamBuild.Qualification.Records;

namespace CamBuild.Release.Gate;

/// <summary>
/// Admits a candidate for promotion only when a passing qualification record exists for exactly this candidate
/// (id and file hash), this configuration hash and the current qualification suites (their hash): a change to the
/// suites requires qualifying again. Otherwise throws <see cref="PromotionRefusedException"/>.
/// </summary>
public static class PromotionGate
{
    /// <param name="candidateId">sha256 of the candidate's uncompressed template (the candidate id).</param>
    /// <param name="candidateSha256">sha256 of the candidate file as it is now (see <see cref="Sha256Hex.OfFile"/>).</param>
    /// <param name="configurationHash">hash of the configuration being promoted.</param>
    /// <param name="suitesHash">hash of the qualification suites as they are now (<c>SuiteSet.Hash</c>).</param>
    /// <param name="qualificationsDirectory">directory holding <c>&lt;candidate&gt;-&lt;configuration&gt;-&lt;suites&gt;.json</c> records.</param>
    public static ApprovedPromotion Admit(string candidateId, string candidateSha256, string configurationHash, string suitesHash, string qualificationsDirectory)
    {
        Sha256Hex.Require(candidateId, nameof(candidateId));
        Sha256Hex.Require(candidateSha256, nameof(candidateSha256));
        Sha256Hex.Require(configurationHash, nameof(configurationHash));
        Sha256Hex.Require(suitesHash, nameof(suitesHash));
        ArgumentException.ThrowIfNullOrWhiteSpace(qualificationsDirectory);

        var records = ReadRecordsFor(candidateId, qualificationsDirectory, configurationHash);
        var forConfiguration = records.Where(r => r.Record.ConfigurationHash == configurationHash).ToList();
        if (forConfiguration.Count == 0)
        {
            throw OtherConfigurations(candidateId, configurationHash, records);
        }

        var forSuites = forConfiguration.Where(r => r.Record.SuitesHash == suitesHash).ToList();
        if (forSuites.Count == 0)
        {
            throw OtherSuites(candidateId, configurationHash, suitesHash, forConfiguration);
        }

        var passing = forSuites
            .Where(r => FailureSummary(r.Record) is null)
            .OrderByDescending(r => r.Record.Finished)
            .ThenBy(r => r.FileName, StringComparer.Ordinal)
            .ToList();
        if (passing.Count == 0)
        {
            throw Failed(candidateId, configurationHash, forSuites);
        }

        var chosen = passing[0];
        if (!string.Equals(chosen.Record.Candidate.Sha256, candidateSha256, StringComparison.Ordinal))
        {
            throw new PromotionRefusedException(RefusalReason.CandidateHashMismatch, candidateId, configurationHash,
                $"Promotion refused: candidate file hash mismatch for candidate {candidateId}: the candidate file now has sha256 {candidateSha256}, " +
                $"but qualification record {chosen.FileName} was made for {chosen.Record.Candidate.File} with sha256 {chosen.Record.Candidate.Sha256}. " +
                "The candidate changed after qualification; bake it again and run Qualify before promoting.");
        }

        return new ApprovedPromotion(chosen.Record, chosen.Path, chosen.Bytes);
    }

    /// <summary>Why a record does not count as passing, or null when it passes.</summary>
    internal static string? FailureSummary(QualificationRecord record)
    {
        var failedSuites = record.Suites.Where(s => s.Failed > 0 || s.Failures.Count > 0).ToList();
        if (failedSuites.Count > 0)
        {
            var parts = failedSuites.Select(s =>
                $"suite '{s.Name}' ({s.Kind}) failed {s.Failed.ToString(CultureInfo.InvariantCulture)}: " +
                (s.Failures.Count > 0 ? string.Join(", ", s.Failures) : "no failing test names recorded"));
            return string.Join("; ", parts);
        }

        if (!record.Passed)
        {
            return "the record is marked failed (no failing suite recorded; the run was incomplete or aborted)";
        }

        return record.Suites.Sum(s => s.Passed) == 0 ? "no test passed (no suite ran any test)" : null;
    }

    private static List<QualificationRecordFile> ReadRecordsFor(string candidateId, string directory, string configurationHash)
    {
        if (!Directory.Exists(directory))
        {
            throw new PromotionRefusedException(RefusalReason.NoRecord, candidateId, configurationHash,
                $"Promotion refused: no qualification record for candidate {candidateId}: the qualification directory {directory} does not exist. " +
                $"Run Qualify for this candidate with configuration {configurationHash}, then promote again.");
        }

        var records = Directory.EnumerateFiles(directory, candidateId + "-*.json")
            .Order(StringComparer.Ordinal)
            .Select(QualificationRecordFile.Read)
            .ToList();
        if (records.Count == 0)
        {
            throw new PromotionRefusedException(RefusalReason.NoRecord, candidateId, configurationHash,
                $"Promotion refused: no qualification record for candidate {candidateId} in {directory}. " +
                $"Run Qualify for this candidate with configuration {configurationHash}, then promote again.");
        }

        return records;
    }

    private static PromotionRefusedException OtherConfigurations(string candidateId, string configurationHash, List<QualificationRecordFile> records)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Promotion refused: candidate {candidateId} has no qualification record for configuration {configurationHash}; records exist only for other configuration hashes:");
        AppendRecords(text, records, r => r.ConfigurationHash, "");

        text.Append(CultureInfo.InvariantCulture,
            $"\nRun Qualify for this candidate with configuration {configurationHash}, or promote a configuration that was qualified.");
        return new PromotionRefusedException(RefusalReason.OtherConfigurations, candidateId, configurationHash, text.ToString());
    }

    private static PromotionRefusedException OtherSuites(string candidateId, string configurationHash, string suitesHash, List<QualificationRecordFile> records)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Promotion refused: candidate {candidateId} with configuration {configurationHash} was qualified only with other qualification suites; " +
            $"the current suites hash is {suitesHash}, the records have:");
        AppendRecords(text, records, r => r.SuitesHash, "suites ");

        text.Append(CultureInfo.InvariantCulture,
            $"\nThe suites changed since; qualify again with the current suites: ./build.sh Qualify --candidate {candidateId[..12]}, then promote.");
        return new PromotionRefusedException(RefusalReason.OtherSuites, candidateId, configurationHash, text.ToString());
    }

    /// <summary>One line per record, ordered by the hash that differs: <c>  [label]hash (passed|failed, file)</c>.</summary>
    private static void AppendRecords(StringBuilder text, List<QualificationRecordFile> records, Func<QualificationRecord, string> hash, string label)
    {
        foreach (var r in records.OrderBy(r => hash(r.Record), StringComparer.Ordinal).ThenBy(r => r.FileName, StringComparer.Ordinal))
        {
            var outcome = FailureSummary(r.Record) is null ? "passed" : "failed";
            text.Append(CultureInfo.InvariantCulture, $"\n  {label}{hash(r.Record)} ({outcome}, {r.FileName})");
        }
    }

    private static PromotionRefusedException Failed(string candidateId, string configurationHash, List<QualificationRecordFile> records)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Promotion refused: candidate {candidateId} failed qualification with configuration {configurationHash}:");
        foreach (var r in records)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {r.FileName}: {FailureSummary(r.Record)}");
        }

        text.Append("\nFix the failures and run Qualify again; only a passing record can be promoted.");
        return new PromotionRefusedException(RefusalReason.QualificationFailed, candidateId, configurationHash, text.ToString());
    }
}
