using System.Text.Json.Serialization;

namespace CamBuild.Targets.Caching;

/// <summary>One recorded successful run of a target: its cache key and the hashes of the outputs it left.</summary>
internal sealed record CacheRecord(string Target, string Key, SortedDictionary<string, string> Outputs);

/// <summary>Source-generated JSON for the cache files, so a fully cached run pays no reflection-based serializer start-up.</summary>
[JsonSerializable(typeof(CacheRecord))]
[JsonSerializable(typeof(Dictionary<string, FileHasher.Entry>))]
internal sealed partial class CacheJson : JsonSerializerContext;
