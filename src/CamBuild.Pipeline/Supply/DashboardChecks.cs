using CamBuild.Dashboard.Model;
using CamBuild.Images.Store;
using CamBuild.Qualification.Records;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// The dashboard's verdicts, from the gates' own subjects and file layout: a statement shows as verified exactly when
/// Promote or Deliver would accept it under the trust policy (config/trust/policy.yaml).
/// </summary>
internal sealed class DashboardChecks(PipelinePaths paths, TrustPolicy policy) : IStatementChecks
{
    public Verdict Provenance(string candidateDirectory, string candidateId)
    {
        var manifest = Path.Combine(candidateDirectory, "manifest.json");
        if (!File.Exists(manifest))
            return new("provenance", VerdictState.Missing, $"candidate {candidateId[..12]} is no longer in the candidate store");
        var envelope = Path.Combine(candidateDirectory, ProvenanceGate.EnvelopeFile);
        if (!File.Exists(envelope))
            return new("provenance", VerdictState.Missing, $"no signed provenance ({ProvenanceGate.EnvelopeFile})");
        return Check("provenance", () => AttestationVerifier.Verify(envelope, StatementTypes.Provenance, policy,
            ProvenanceGate.Subjects(CandidateManifest.Load(manifest))));
    }

    public Verdict Rebuild(string candidateDirectory, string candidateId)
    {
        var envelope = Path.Combine(candidateDirectory, RebuildAttestation.EnvelopeFile);
        if (!File.Exists(envelope))
            return new("rebuild", VerdictState.Missing, "no independent rebuild recorded (./build.sh VerifyReproducible)");
        var refusal = RebuildAttestation.Refusal(candidateDirectory, candidateId, policy);
        if (refusal is null)
            return Check("rebuild", () => AttestationVerifier.Verify(envelope, StatementTypes.Rebuild, policy,
                [new("rootfs.tar", Sha256.Parse(candidateId, "the candidate id"))]));
        var trusted = Check("rebuild", () => AttestationVerifier.Verify(envelope, StatementTypes.Rebuild, policy,
            [new("rootfs.tar", Sha256.Parse(candidateId, "the candidate id"))]));
        return trusted.State == VerdictState.Verified ? new("rebuild", VerdictState.Differs, refusal) : trusted;
    }

    /// <summary>The envelope Qualify signed (beside the record under qualifications/attestations/) must be about the bytes the release store holds.</summary>
    public Verdict Qualification(string recordPath, QualificationRecord record)
    {
        var envelope = QualificationAttestation.EnvelopePath(Path.Combine(paths.Qualifications, Path.GetFileName(recordPath)));
        if (!File.Exists(envelope))
            return new("qualification", VerdictState.Missing, "no signed qualification statement");
        var verdict = Check("qualification", () => AttestationVerifier.Verify(envelope, StatementTypes.Qualification, policy, QualificationAttestation.Subjects(record)),
            out var verified);
        if (verified is null) return verdict;
        var signed = verified.Statement.GetProperty("predicate").TryGetProperty("recordSha256", out var s) ? s.GetString() : null;
        var actual = Sha256.OfFile(recordPath).Hex;
        return signed == actual
            ? verdict
            : new("qualification", VerdictState.Refused, $"the signed statement is about a record with sha256 {signed?[..12]}, the release store holds {actual[..12]}");
    }

    public IReadOnlyList<Verdict> Release(ReleaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var directory = ReleaseAttestations.Directory(paths, entry.Channel);
        return [Statements("promotion", StatementTypes.Promotion, directory, entry), Statements("delivery", StatementTypes.Delivery, directory, entry)];
    }

    private Verdict Statements(string what, string type, string directory, ReleaseEntry entry)
    {
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, $"{what}-{entry.Release}-*{Attestations.Suffix}").Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
            return new(what, VerdictState.Missing, what == "delivery" ? "no signed delivery statement: it is signed when a delivery of the release ends healthy" : "no signed promotion statement");
        var verdicts = files.Select(file => Check(what, () => AttestationVerifier.Verify(file, type, policy, ReleaseAttestations.Subjects(entry)))).ToList();
        var refused = verdicts.FirstOrDefault(v => v.State != VerdictState.Verified);
        return refused ?? new(what, VerdictState.Verified, $"{files.Count} statement(s), {verdicts[^1].Detail}");
    }

    private static Verdict Check(string what, Func<VerifiedStatement> verify) => Check(what, verify, out _);

    private static Verdict Check(string what, Func<VerifiedStatement> verify, out VerifiedStatement? verified)
    {
        try
        {
            verified = verify();
            return new(what, VerdictState.Verified, $"signed by {verified.Signer} (sha256:{verified.KeyId[..12]})");
        }
        catch (InputException e)
        {
            verified = null;
            return new(what, VerdictState.Refused, e.Message);
        }
    }
}

/// <summary>Every verdict when the trust policy could not be read: not checked, and why.</summary>
internal sealed class UncheckedStatements(string problem) : IStatementChecks
{
    public Verdict Provenance(string candidateDirectory, string candidateId) => Unchecked("provenance");

    public Verdict Rebuild(string candidateDirectory, string candidateId) => Unchecked("rebuild");

    public Verdict Qualification(string recordPath, QualificationRecord record) => Unchecked("qualification");

    public IReadOnlyList<Verdict> Release(ReleaseEntry entry) => [Unchecked("promotion"), Unchecked("delivery")];

    private Verdict Unchecked(string what) => new(what, VerdictState.Unchecked, "not checked: " + problem);
}
