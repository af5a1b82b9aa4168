using CamBuild.Images;
using CamBuild.Images.Store;
using CamBuild.Qualification.Records;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Sbom;
using CamBuild.SupplyChain.Trust;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Supply;

/// <summary>One row of the Verify table.</summary>
public sealed record VerifyCheck(string Check, string Subject, bool Passed, string Detail);

/// <summary>
/// Verify: the template against its id and manifest, both SBOMs against the template's actual package lists (the
/// dpkg list and pip freeze the bake recorded), and every attestation of the candidate (provenance, qualification
/// records) against the trust policy. Prints a table; any failed row fails the target (exit 1).
/// </summary>
public static class VerifyCandidateStep
{
    public static async Task<IReadOnlyList<VerifyCheck>> CheckAsync(PipelinePaths paths, string? candidateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var id = Steps.Environments.ResolveCandidateId(paths, candidateId);
        var store = new CandidateStore(paths.Candidates);
        var checks = new List<VerifyCheck>();
        StoredCandidate stored;
        try
        {
            stored = await store.OpenAsync(id, verifyContent: true, cancellationToken).ConfigureAwait(false);
            checks.Add(new("template", stored.Manifest.FileName, true, $"sha256 {stored.Manifest.TemplateSha256[..16]}…, content = id {id[..16]}…"));
        }
        catch (ImageBuildException e)
        {
            checks.Add(new("template", id[..12], false, e.Message));
            return checks;
        }

        checks.Add(CheckSbom(stored, CycloneDxWriter.FileName, SbomInventory.ReadCycloneDx));
        checks.Add(CheckSbom(stored, SpdxWriter.FileName, SbomInventory.ReadSpdx));

        TrustPolicy policy;
        try
        {
            policy = Signing.Policy(paths);
        }
        catch (InputException e)
        {
            checks.Add(new("trust policy", paths.Relative(Path.Combine(paths.Trust, TrustPolicy.PolicyFileName)), false, e.Message));
            return checks;
        }
        checks.Add(Attestation("provenance", paths.Relative(Path.Combine(stored.Directory, ProvenanceGate.EnvelopeFile)),
            () => ProvenanceGate.Check(paths, stored, policy)));
        if (File.Exists(Path.Combine(stored.Directory, RebuildAttestation.EnvelopeFile)))
        {
            checks.Add(Attestation("rebuild", paths.Relative(Path.Combine(stored.Directory, RebuildAttestation.EnvelopeFile)), () =>
            {
                var verified = RebuildAttestation.Find(stored, policy)!;
                return verified.Statement.GetProperty("predicate").GetProperty("identical").GetBoolean()
                    ? verified
                    : throw new AttestationRefusedException($"the signed rebuild of {id[..12]} was not identical: rebuilt as " +
                        $"{verified.Statement.GetProperty("predicate").GetProperty("rebuiltId").GetString()}.");
            }));
        }
        foreach (var record in QualificationRecords(paths, id))
        {
            checks.Add(Attestation("qualification", paths.Relative(record), () =>
            {
                QualificationRecord parsed;
                try
                {
                    parsed = QualificationRecord.FromJson(File.ReadAllText(record), record);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                {
                    throw new AttestationRefusedException($"{record}: not a qualification record ({e.Message}).");
                }
                return QualificationAttestation.Check(record, parsed, policy);
            }));
        }
        return checks;
    }

    public static async Task RunAsync(PipelinePaths paths, string? candidateId, TargetContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checks = await CheckAsync(paths, candidateId, context.CancellationToken).ConfigureAwait(false);
        foreach (var line in Table(checks)) context.Log.Info(line);
        var failed = checks.Count(c => !c.Passed);
        context.ReportSummary("Verified", $"{checks.Count - failed}/{checks.Count} checks passed");
        if (failed > 0)
            throw new InvalidOperationException($"Verify: {failed} of {checks.Count} check(s) failed (table above).");
    }

    public static IReadOnlyList<string> Table(IReadOnlyList<VerifyCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var checkWidth = Math.Max(5, checks.Max(c => c.Check.Length));
        var subjectWidth = Math.Max(7, checks.Max(c => c.Subject.Length));
        var lines = new List<string> { $"{"check".PadRight(checkWidth)}  {"subject".PadRight(subjectWidth)}  result  detail" };
        lines.AddRange(checks.Select(c => $"{c.Check.PadRight(checkWidth)}  {c.Subject.PadRight(subjectWidth)}  {(c.Passed ? "ok    " : "FAILED")}  {c.Detail}"));
        return lines;
    }

    private static VerifyCheck CheckSbom(StoredCandidate stored, string fileName, Func<string, string, SbomInventory> read)
    {
        var path = Path.Combine(stored.Directory, fileName);
        if (!File.Exists(path)) return new("sbom", fileName, false, "missing; run ./build.sh BakeCandidate --force to write it");
        try
        {
            var problems = read(File.ReadAllText(path), path).Compare(stored.Manifest.DpkgList, stored.Manifest.PipFreeze);
            var python = stored.Manifest.PipFreeze.Values.Sum(f => f.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            return problems.Count == 0
                ? new("sbom", fileName, true, $"{stored.Manifest.DpkgList.Count} debs, {python} Python distributions = the template's lists")
                : new("sbom", fileName, false, $"{problems.Count} difference(s) from the template: {string.Join("; ", problems.Take(5))}");
        }
        catch (InputException e)
        {
            return new("sbom", fileName, false, e.Message);
        }
    }

    private static VerifyCheck Attestation(string check, string subject, Func<VerifiedStatement> verify)
    {
        try
        {
            var verified = verify();
            return new(check, subject, true, $"signed by {verified.Signer} (sha256:{verified.KeyId[..16]}…)");
        }
        catch (InputException e)
        {
            return new(check, subject, false, e.Message);
        }
    }

    private static IEnumerable<string> QualificationRecords(PipelinePaths paths, string id) =>
        Directory.Exists(paths.Qualifications)
            ? Directory.EnumerateFiles(paths.Qualifications, id + "-*.json").Order(StringComparer.Ordinal)
            : [];
}
