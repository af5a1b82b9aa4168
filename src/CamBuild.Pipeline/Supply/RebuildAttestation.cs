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

    /// <summary>
    /// Why the <c>rebuild: required</c> gate refuses the candidate in <paramref name="directory"/>, or null when a
    /// trusted, identical rebuild result is there. A mismatch lists the differing files.
    /// </summary>
    public static string? Refusal(string directory, string id, TrustPolicy policy)
    {
        var path = Path.Combine(directory, EnvelopeFile);
        if (!File.Exists(path)) return $"no signed rebuild result ({EnvelopeFile}) for candidate {id[..12]}";
        try
        {
            var verified = AttestationVerifier.Verify(path, StatementTypes.Rebuild, policy, [new("rootfs.tar", Sha256.Parse(id, "the candidate id"))]);
            var predicate = verified.Statement.GetProperty("predicate");
            if (predicate.GetProperty("identical").GetBoolean()) return null;
            var files = predicate.GetProperty("differences").EnumerateArray().Select(d => d.GetString()).Take(20).ToList();
            return $"the independent rebuild of {id[..12]} gave {predicate.GetProperty("rebuiltId").GetString()?[..12]}, not the same candidate; " +
                $"differing: {string.Join(", ", files)}";
        }
        catch (AttestationRefusedException e)
        {
            return e.Message;
        }
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
