using System.Text.Json;

namespace CamBuild.PackageIndex.Client;

/// <summary>Parses a PEP 691 project page; unknown keys are ignored as the PEP requires.</summary>
internal static class SimpleJsonPageParser
{
    public static IReadOnlyList<ParsedFile> Parse(ReadOnlyMemory<byte> body, Uri pageUrl, string project)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new PackageIndexFormatException(pageUrl, "the JSON body is not an object");
            if (root.TryGetProperty("meta", out var meta))
            {
                if (meta.ValueKind != JsonValueKind.Object)
                    throw new PackageIndexFormatException(pageUrl, $"'meta' is a JSON {Kind(meta)}, not an object");
                if (meta.TryGetProperty("api-version", out var version))
                    IndexPageRules.CheckApiVersion(version.ValueKind == JsonValueKind.String ? version.GetString()
                        : throw new PackageIndexFormatException(pageUrl, $"'meta.api-version' is a JSON {Kind(version)}, not a string"), pageUrl);
            }
            if (!root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
                throw new PackageIndexFormatException(pageUrl, "the JSON body has no 'files' array");
            return files.EnumerateArray().Select(f => ParseFile(f, pageUrl, project)).ToList();
        }
        catch (JsonException e)
        {
            throw new PackageIndexFormatException(pageUrl, $"the JSON body does not parse (line {e.LineNumber + 1}: {e.Message})");
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static ParsedFile ParseFile(JsonElement file, Uri pageUrl, string project)
    {
        if (file.ValueKind != JsonValueKind.Object)
            throw new PackageIndexFormatException(pageUrl, $"an entry of 'files' is a JSON {Kind(file)}, not an object");
        var fileName = String(file, "filename") ?? throw new PackageIndexFormatException(pageUrl, "a file entry has no 'filename'");
        var url = String(file, "url") ?? throw new PackageIndexFormatException(pageUrl, $"file {fileName} has no 'url'");
        var sha256 = file.TryGetProperty("hashes", out var hashes) && hashes.ValueKind == JsonValueKind.Object
            ? IndexPageRules.Sha256FromHashSpec("sha256=" + String(hashes, "sha256"))
            : null;
        var (hasMetadata, metadataSha) = CoreMetadata(file, "core-metadata");
        if (!hasMetadata)
            (hasMetadata, metadataSha) = CoreMetadata(file, "dist-info-metadata");
        IndexPageRules.CheckFileName(fileName, pageUrl);
        if (!Uri.TryCreate(pageUrl, url, out var absolute))
            throw new PackageIndexFormatException(pageUrl, $"file {fileName} has a 'url' that is not a valid URL");
        return IndexPageRules.Build(project, fileName, absolute, sha256, String(file, "requires-python"),
            Yank(file), hasMetadata, metadataSha, pageUrl);
    }

    private static string? Yank(JsonElement file) =>
        !file.TryGetProperty("yanked", out var yanked) ? null : yanked.ValueKind switch
        {
            JsonValueKind.True => "",
            JsonValueKind.String => yanked.GetString(),
            _ => null,
        };

    private static (bool Has, string? Sha256) CoreMetadata(JsonElement file, string key) =>
        !file.TryGetProperty(key, out var value) ? (false, null) : value.ValueKind switch
        {
            JsonValueKind.True => (true, null),
            JsonValueKind.Object => (true, IndexPageRules.Sha256FromHashSpec("sha256=" + String(value, "sha256"))),
            _ => (false, null),
        };

    private static string? String(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
