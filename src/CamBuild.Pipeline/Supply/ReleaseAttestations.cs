using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// Signed statements of promotions and deliveries, in <c>artifacts/releases/attestations/&lt;channel&gt;/</c>: the
/// subjects are the candidate (id and template), the configuration and suites, the predicate the channel entry or the
/// delivery (environment, nodes changed, times).
/// </summary>
internal static class ReleaseAttestations
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Directory(PipelinePaths paths, string channel)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.Releases, "attestations", channel);
    }

    public static IReadOnlyList<StatementSubject> Subjects(ReleaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            new("rootfs.tar", Sha256.Parse(entry.CandidateId, "the release's candidate id")),
            new(entry.CandidateFile, Sha256.Parse(entry.CandidateSha256, "the release's template sha256")),
            new("configuration", Sha256.Parse(entry.ConfigurationHash, "the release's configuration hash")),
            new("suites", Sha256.Parse(entry.SuitesHash, "the release's suites hash")),
        ];
    }

    public static string SignPromotion(PipelinePaths paths, ReleaseEntry entry, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var predicate = new JsonObject { ["entry"] = JsonSerializer.SerializeToNode(entry, Json) };
        return Write(paths, entry.Channel, PromotionName(entry), StatementTypes.Promotion, Subjects(entry), predicate, key);
    }

    /// <summary>The envelope of one channel entry's promotion (a re-promotion is a new entry with its own envelope).</summary>
    public static string PromotionPath(PipelinePaths paths, ReleaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Path.Combine(Directory(paths, entry.Channel), Safe(PromotionName(entry)) + Attestations.Suffix);
    }

    /// <summary>
    /// Signs the entry's promotion unless its envelope exists: a Promote killed between the channel record and the
    /// signature is repaired by the next Promote of the same pair, which changes no record.
    /// </summary>
    public static string? EnsurePromotionSigned(PipelinePaths paths, ReleaseEntry entry, SigningKey key) =>
        File.Exists(PromotionPath(paths, entry)) ? null : SignPromotion(paths, entry, key);

    /// <summary>
    /// The entry's promotion as evidence: its envelope, signed by a key the policy trusts for promotions, about exactly
    /// this candidate, template, configuration and suites. A channel file edited by hand has no such envelope.
    /// </summary>
    public static VerifiedStatement VerifyPromotion(PipelinePaths paths, ReleaseEntry entry, TrustPolicy policy) =>
        AttestationVerifier.Verify(PromotionPath(paths, entry), StatementTypes.Promotion, policy, Subjects(entry));

    private static string PromotionName(ReleaseEntry entry) => $"promotion-{entry.Release}-{Stamp(entry.PromotedAt)}";

    public static string SignDelivery(PipelinePaths paths, ReleaseEntry entry, string environment, IReadOnlyList<string> changed,
        DateTimeOffset started, DateTimeOffset finished, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var predicate = new JsonObject
        {
            ["channel"] = entry.Channel,
            ["release"] = entry.Release,
            ["environment"] = environment,
            ["nodesChanged"] = new JsonArray([.. changed.Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["startedOn"] = started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["finishedOn"] = finished.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return Write(paths, entry.Channel, $"delivery-{entry.Release}-{environment}-{Stamp(finished)}", StatementTypes.Delivery, Subjects(entry), predicate, key);
    }

    private static string Write(PipelinePaths paths, string channel, string name, string type, IReadOnlyList<StatementSubject> subjects, JsonNode predicate,
        SigningKey key)
    {
        var directory = System.IO.Directory.CreateDirectory(Directory(paths, channel)).FullName;
        return Attestations.Write(Path.Combine(directory, Safe(name) + Attestations.Suffix), Statement.Create(type, subjects, predicate), key);
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
