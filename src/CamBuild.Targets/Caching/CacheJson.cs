using System.Text.Json.Serialization;

namespace CamBuild.Targets.Caching;

/// <summary>
/// One recorded successful run of a target: its cache key and the hashes of the outputs it left, and what the key was
/// made of (input files, input values, upstream outputs) so that a later miss can be explained. Records written before
/// the inputs were kept have them null; they still hit by key.
/// </summary>
/// <remarks>Plain dictionaries written in ordinal key order (a sorted collection would cost its generic code's JIT on every cached run).</remarks>
internal sealed record CacheRecord(string Target, string Key, Dictionary<string, string> Outputs)
{
    public Dictionary<string, string>? Files { get; init; }
    public Dictionary<string, RecordedValue>? Values { get; init; }

    /// <summary>Direct dependency name -> its output paths and hashes.</summary>
    public Dictionary<string, Dictionary<string, string>>? Upstream { get; init; }
}

/// <param name="Shown">Null when the value was long, multi-line or held a secret: only its hash was recorded.</param>
internal sealed record RecordedValue(string Sha256, string? Shown);

/// <summary>Source-generated JSON for the cache files, so a fully cached run pays no reflection-based serializer start-up.</summary>
[JsonSerializable(typeof(CacheRecord))]
internal sealed partial class CacheJson : JsonSerializerContext;
