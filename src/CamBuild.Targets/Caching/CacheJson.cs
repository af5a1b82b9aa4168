using System.Text.Json.Serialization;

namespace CamBuild.Targets.Caching;

/// <summary>
/// One recorded successful run of a target: its cache key and the hashes of the outputs it left, and what the key was
/// made of (input files, input values, upstream outputs) so that a later miss can be explained. Records written before
/// the inputs were kept have them null; they still hit by key.
/// </summary>
internal sealed record CacheRecord(string Target, string Key, SortedDictionary<string, string> Outputs)
{
    public SortedDictionary<string, string>? Files { get; init; }
    public SortedDictionary<string, RecordedValue>? Values { get; init; }

    /// <summary>Direct dependency name -> its output paths and hashes.</summary>
    public SortedDictionary<string, SortedDictionary<string, string>>? Upstream { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }
}

/// <param name="Shown">Null when the value was long, multi-line or held a secret: only its hash was recorded.</param>
internal sealed record RecordedValue(string Sha256, string? Shown);

/// <summary>Source-generated JSON for the cache files, so a fully cached run pays no reflection-based serializer start-up.</summary>
[JsonSerializable(typeof(CacheRecord))]
[JsonSerializable(typeof(Dictionary<string, FileHasher.Entry>))]
internal sealed partial class CacheJson : JsonSerializerContext;
