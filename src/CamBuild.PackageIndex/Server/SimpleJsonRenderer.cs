using System.Text.Encodings.Web;
using System.Text.Json;

namespace CamBuild.PackageIndex.Server;

/// <summary>PEP 691 JSON pages (api-version 1.0) with yank and core-metadata keys.</summary>
internal static class SimpleJsonRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] ProjectList(IReadOnlyList<string> projects) => Write(json =>
    {
        json.WriteStartArray("projects");
        foreach (var project in projects)
        {
            json.WriteStartObject();
            json.WriteString("name", project);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static byte[] ProjectPage(string project, IReadOnlyList<IndexedFile> files) => Write(json =>
    {
        json.WriteString("name", project);
        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("filename", file.FileName);
            json.WriteString("url", IndexUrls.FileHrefFromProjectPage(file));
            json.WriteStartObject("hashes");
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
            if (file.RequiresPython is not null)
                json.WriteString("requires-python", file.RequiresPython);
            if (file.MetadataSha256 is not null)
            {
                // PEP 714: only "core-metadata" in JSON; the old "dist-info-metadata" key as an object crashes pip 23.0.x.
                json.WriteStartObject("core-metadata");
                json.WriteString("sha256", file.MetadataSha256);
                json.WriteEndObject();
            }
            if (file.YankedReason is { Length: > 0 } reason)
                json.WriteString("yanked", reason);
            else
                json.WriteBoolean("yanked", file.YankedReason is not null);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("meta");
            json.WriteString("api-version", "1.0");
            json.WriteEndObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
