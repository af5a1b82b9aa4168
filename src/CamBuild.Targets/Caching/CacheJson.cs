using System.Text;
using System.Text.Json;

namespace CamBuild.Targets.Caching;

/// <summary>
/// One recorded successful run of a target: its cache key and the hashes of the outputs it left, and what the key was
/// made of (input files, input values, upstream outputs) so that a later miss can be explained. Records written before
/// the inputs were kept have them null; they still hit by key.
/// </summary>
internal sealed record CacheRecord(string Target, string Key, Dictionary<string, string> Outputs)
{
    public Dictionary<string, string>? Files { get; init; }
    public Dictionary<string, RecordedValue>? Values { get; init; }

    /// <summary>Direct dependency name -> its output paths and hashes.</summary>
    public Dictionary<string, Dictionary<string, string>>? Upstream { get; init; }
}

/// <param name="Shown">Null when the value was long, multi-line or held a secret: only its hash was recorded.</param>
internal sealed record RecordedValue(string Sha256, string? Shown);

/// <summary>
/// The record files as JSON, read with <see cref="JsonDocument"/> and written with <see cref="Utf8JsonWriter"/>: a fully
/// cached run reads one record per target, and the serializer's own set-up (options, converters, type metadata) cost
/// more than all of those reads together. Keys are written in ordinal order.
/// </summary>
internal static class CacheJson
{
    /// <summary>The record, or null when the text is not a record (a damaged file is a miss, never an error).</summary>
    public static CacheRecord? Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "Target") is not { } target || Text(root, "Key") is not { } key
                || Map(root, "Outputs") is not { } outputs)
                return null;
            return new CacheRecord(target, key, outputs)
            {
                Files = Map(root, "Files"),
                Values = root.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object
                    ? values.EnumerateObject().Where(v => v.Value.ValueKind == JsonValueKind.Object && Text(v.Value, "Sha256") is not null)
                        .ToDictionary(v => v.Name, v => new RecordedValue(Text(v.Value, "Sha256")!, Text(v.Value, "Shown")), StringComparer.Ordinal)
                    : null,
                Upstream = root.TryGetProperty("Upstream", out var upstream) && upstream.ValueKind == JsonValueKind.Object
                    ? upstream.EnumerateObject().ToDictionary(u => u.Name, u => Map(u.Value) ?? [], StringComparer.Ordinal)
                    : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Write(CacheRecord record)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("Target", record.Target);
            w.WriteString("Key", record.Key);
            WriteMap(w, "Outputs", record.Outputs);
            if (record.Files is not null) WriteMap(w, "Files", record.Files);
            if (record.Values is not null)
            {
                w.WriteStartObject("Values");
                foreach (var (name, value) in record.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(name);
                    w.WriteString("Sha256", value.Sha256);
                    if (value.Shown is null) w.WriteNull("Shown");
                    else w.WriteString("Shown", value.Shown);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            if (record.Upstream is not null)
            {
                w.WriteStartObject("Upstream");
                foreach (var (target, outputs) in record.Upstream.OrderBy(u => u.Key, StringComparer.Ordinal))
                    WriteMap(w, target, outputs);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMap(Utf8JsonWriter w, string name, Dictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static Dictionary<string, string>? Map(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? Map(p) : null;

    private static Dictionary<string, string>? Map(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : null;
}
