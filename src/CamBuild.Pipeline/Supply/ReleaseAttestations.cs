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
public static class ReleaseAttestations
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
        return Write(paths, entry.Channel, $"promotion-{entry.Release}-{Stamp(entry.PromotedAt)}", StatementTypes.Promotion, Subjects(entry), predicate, key);
    }

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
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        return Attestations.Write(Path.Combine(directory, safe + Attestations.Suffix), Statement.Create(type, subjects, predicate), key);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
