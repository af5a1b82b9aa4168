using System.Text.Json.Nodes;
using CamBuild.Images.Store;
using CamBuild.Images.Verification;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// The signed result of VerifyReproducible, <c>rebuild.dsse.json</c> beside the candidate's manifest: subject the
/// candidate (rootfs.tar = its id), predicate the rebuilt id, whether it was identical and the differing files.
/// </summary>
public static class RebuildAttestation
{
    public const string EnvelopeFile = "rebuild.dsse.json";

    public static string Sign(StoredCandidate candidate, ReproducibilityReport report, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(report);
        var predicate = new JsonObject
        {
            ["rebuiltId"] = report.RebuiltId,
            ["identical"] = report.Identical,
            ["differences"] = new JsonArray([.. report.Differences.Take(1000).Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["seconds"] = Math.Round(report.Seconds, 1),
        };
        return Attestations.Write(Path.Combine(candidate.Directory, EnvelopeFile),
            Statement.Create(StatementTypes.Rebuild, [new("rootfs.tar", Sha256.Parse(candidate.Id, "the candidate id"))], predicate), key);
    }

    /// <summary>The signed rebuild result of a candidate (trusted for rebuild, about this candidate); null when there is none.</summary>
    public static VerifiedStatement? Find(StoredCandidate candidate, TrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var path = Path.Combine(candidate.Directory, EnvelopeFile);
        return File.Exists(path)
            ? AttestationVerifier.Verify(path, StatementTypes.Rebuild, policy, [new("rootfs.tar", Sha256.Parse(candidate.Id, "the candidate id"))])
            : null;
    }
}
