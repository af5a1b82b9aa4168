namespace CamBuild.PackageIndex.Wheels;

/// <summary>The fields of a core metadata file (METADATA / PKG-INFO) that resolution needs.</summary>
public sealed record CoreMetadata(
    string MetadataVersion,
    string Name,
    string Version,
    string? RequiresPython,
    IReadOnlyList<string> RequiresDist,
    IReadOnlyList<string> ProvidesExtra)
{
    /// <summary>Parses the RFC 822-style header block; the body (long description) is ignored.</summary>
    /// <param name="source">Where the text came from, for error messages.</param>
    public static CoreMetadata Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headers = ParseHeaders(text);
        string Required(string key) =>
            headers.TryGetValue(key, out var values) && values.Count > 0 && values[0].Length > 0
                ? values[0]
                : throw new WheelFormatException(source, $"core metadata has no '{key}' field; add '{key}: <value>' to METADATA");
        string? Optional(string key) => headers.TryGetValue(key, out var values) ? values[0] : null;
        IReadOnlyList<string> All(string key) => headers.TryGetValue(key, out var values) ? values : [];

        return new CoreMetadata(
            Required("Metadata-Version"), Required("Name"), Required("Version"),
            Optional("Requires-Python"), All("Requires-Dist"), All("Provides-Extra"));
    }

    private static Dictionary<string, List<string>> ParseHeaders(string text)
    {
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, field, value) in Python.Metadata.CoreMetadata.ReadHeaders(text))
        {
            if (!headers.TryGetValue(field, out var list))
                headers[field] = list = [];
            list.Add(value);
        }
        return headers;
    }
}
