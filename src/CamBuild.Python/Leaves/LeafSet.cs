using System.Text;
using System.Text.Json;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Leaves;

/// <summary>The build chosen for one leaf.</summary>
public sealed record LeafPin(string Name, PythonVersion Version, IReadOnlyList<string> Extras, string File, Uri Url, string Sha256, Uri Index);

/// <summary>The output of ResolveLeaves, serialised as <c>leaves.json</c> (sorted, byte-stable).</summary>
public sealed class LeafSet
{
    public LeafSet(IEnumerable<LeafPin> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        Leaves = leaves.OrderBy(l => l.Name, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<LeafPin> Leaves { get; }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", "cambuild-leaves/1");
            writer.WriteStartArray("leaves");
            foreach (var leaf in Leaves)
            {
                writer.WriteStartObject();
                writer.WriteString("name", leaf.Name);
                writer.WriteString("version", leaf.Version.ToString());
                writer.WriteStartArray("extras");
                foreach (var extra in leaf.Extras)
                {
                    writer.WriteStringValue(extra);
                }

                writer.WriteEndArray();
                writer.WriteString("file", leaf.File);
                writer.WriteString("url", leaf.Url.AbsoluteUri);
                writer.WriteString("sha256", leaf.Sha256);
                writer.WriteString("index", leaf.Index.AbsoluteUri);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a <c>leaves.json</c>; <paramref name="sourceName"/> (usually the path) names it in errors.</summary>
    public static LeafSet Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var leaves = document.RootElement.GetProperty("leaves").EnumerateArray().Select((e, i) => ReadLeaf(e, i, sourceName)).ToArray();
            return new LeafSet(leaves);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UriFormatException)
        {
            throw new PythonPackagingException(
                $"{sourceName}: not a valid leaves.json ({ex.Message}); regenerate it with the ResolveLeaves target.", ex);
        }
    }

    private static LeafPin ReadLeaf(JsonElement element, int index, string sourceName)
    {
        string Text(string name) => element.GetProperty(name).GetString()
            ?? throw new PythonPackagingException($"{sourceName}: leaves[{index}].{name} is null; regenerate it with the ResolveLeaves target.");
        var extras = element.TryGetProperty("extras", out var e) ? e.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [];
        return new LeafPin(
            PackageName.Normalize(Text("name")), PythonVersion.Parse(Text("version")), extras, Text("file"),
            new Uri(Text("url")), Text("sha256"), new Uri(Text("index")));
    }
}
