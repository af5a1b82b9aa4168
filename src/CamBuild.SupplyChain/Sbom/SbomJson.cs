using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CamBuild.SupplyChain.Sbom;

/// <summary>Writes a document with a fixed layout: two-space indent, "\n" line ends, '+' and '&amp;' unescaped, a final newline.</summary>
internal static class SbomJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
            write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void Strings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
