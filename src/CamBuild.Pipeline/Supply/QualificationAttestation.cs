using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Qualification.Records;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// The signed form of a qualification record: an in-toto statement whose subjects are the candidate (rootfs.tar =
/// its id, the template file), the configuration and the suites (by hash), and whose predicate is the record itself
/// (suites, their hashes and results) with the record file's sha256. Written as
/// <c>qualifications/attestations/&lt;record name&gt;.dsse.json</c>: the record readers take every <c>*.json</c> of the
/// qualifications directory itself, so an envelope must not sit beside the records.
/// </summary>
public static class QualificationAttestation
{
    public const string Directory = "attestations";

    public static string EnvelopePath(string recordPath) =>
        Path.Combine(Path.GetDirectoryName(recordPath) ?? ".", Directory, Path.GetFileNameWithoutExtension(recordPath) + Attestations.Suffix);

    public static IReadOnlyList<StatementSubject> Subjects(QualificationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return
        [
            new("rootfs.tar", Sha256.Parse(record.Candidate.Id, "the record's candidate id")),
            new(record.Candidate.File, Sha256.Parse(record.Candidate.Sha256, "the record's template sha256")),
            new("configuration", Sha256.Parse(record.ConfigurationHash, "the record's configuration hash")),
            new("suites", Sha256.Parse(record.SuitesHash, "the record's suites hash")),
        ];
    }

    public static string Sign(string recordPath, QualificationRecord record, SigningKey key)
    {
        var text = File.ReadAllText(recordPath);
        var predicate = new JsonObject
        {
            ["record"] = JsonNode.Parse(text),
            ["recordSha256"] = Sha256.OfText(text).Hex,
        };
        var envelope = EnvelopePath(recordPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(envelope)!);
        return Attestations.Write(envelope, Statement.Create(StatementTypes.Qualification, Subjects(record), predicate), key);
    }

    /// <summary>The record's envelope must be trusted for qualification, name its four subjects and carry exactly the record file's bytes.</summary>
    public static VerifiedStatement Check(string recordPath, QualificationRecord record, TrustPolicy policy)
    {
        var verified = AttestationVerifier.Verify(EnvelopePath(recordPath), StatementTypes.Qualification, policy, Subjects(record));
        var signedSha = verified.Statement.GetProperty("predicate").TryGetProperty("recordSha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var actual = Sha256.OfFile(recordPath).Hex;
        if (signedSha != actual)
            throw new AttestationRefusedException($"{recordPath}: the record has sha256 {actual}, but the signed statement is about {signedSha}; the record changed after it was signed.");
        return verified;
    }
}
