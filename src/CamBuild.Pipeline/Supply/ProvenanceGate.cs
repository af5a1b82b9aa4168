using CamBuild.Images.Store;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// The gate every target that opens a candidate passes (DeployEnvironment, Qualify, Promote, Deliver): the
/// candidate's <c>provenance.dsse.json</c> must be signed by a key config/trust/policy.yaml trusts for provenance,
/// and name this candidate's id and template sha256 as its subjects. Refusals are input errors (exit 2).
/// </summary>
public static class ProvenanceGate
{
    public const string EnvelopeFile = "provenance.dsse.json";

    public static IReadOnlyList<StatementSubject> Subjects(CandidateManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return [new("rootfs.tar", Sha256.Parse(manifest.Id, "the manifest's id")), new(manifest.FileName, Sha256.Parse(manifest.TemplateSha256, "the manifest's templateSha256"))];
    }

    public static VerifiedStatement Check(PipelinePaths paths, StoredCandidate candidate, TrustPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(candidate);
        try
        {
            return AttestationVerifier.Verify(Path.Combine(candidate.Directory, EnvelopeFile), StatementTypes.Provenance,
                policy ?? Signing.Policy(paths), Subjects(candidate.Manifest));
        }
        catch (AttestationRefusedException e)
        {
            throw new AttestationRefusedException(
                $"candidate {candidate.Id[..12]}: {e.Message} A candidate is used only with provenance signed by a trusted key: " +
                $"re-sign it with ./build.sh BakeCandidate --force (and --signing-key-file PATH), or trust its key in {paths.Relative(paths.Trust)}/policy.yaml.");
        }
    }
}
