using CamBuild.Python.Versions;
using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>Maps a request to a response from one snapshot; pure apart from reading served files' sizes.</summary>
internal sealed class IndexRouter(IndexSnapshot snapshot, IndexFormats formats, Func<string, byte[]?> metadataByFileHash, bool offerCoreMetadata = true, bool emitLegacyDistInfoMetadata = false)
{
    private static readonly Dictionary<string, string> VaryAccept = new() { ["Vary"] = "Accept" };

    public IndexResponse Route(string method, string target, string? accept)
    {
        if (method is not ("GET" or "HEAD"))
            return IndexResponse.Text(405, $"Method {method} is not allowed; this index is read-only.",
                new Dictionary<string, string> { ["Allow"] = "GET, HEAD" });
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? "" : target[queryStart..];
        var segments = rawPath.Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 2 || segments[0].Length != 0 || segments.Any(s => s is "." or ".."))
            return NotFound(rawPath);
        return segments[1] switch
        {
            "simple" => RouteSimple(segments, rawPath, query, accept),
            "files" when segments.Length == 4 => RouteFile(segments[2], segments[3]),
            _ => NotFound(rawPath),
        };
    }

    private IndexResponse RouteSimple(string[] segments, string rawPath, string query, string? accept)
    {
        if (segments.Length == 2)
            return IndexResponse.Redirect(IndexUrls.SimplePrefix + query);
        if (segments.Length == 3 && segments[2].Length == 0)
            return Negotiated(accept, query,
                () => Encoding.UTF8.GetBytes(SimpleHtmlRenderer.ProjectList(snapshot.Projects)),
                () => SimpleJsonRenderer.ProjectList(snapshot.Projects));
        var trailingSlash = segments.Length == 4 && segments[3].Length == 0;
        if (segments.Length > 4 || (segments.Length == 4 && !trailingSlash) || segments[2].Length == 0)
            return NotFound(rawPath);
        var requested = segments[2];
        var normalized = PackageName.Normalize(requested);
        if (normalized != requested || !trailingSlash)
            return IndexResponse.Redirect($"{IndexUrls.SimplePrefix}{Uri.EscapeDataString(normalized)}/{query}");
        if (!snapshot.HasProject(normalized))
            return NotFound(rawPath);
        var files = snapshot.FilesOf(normalized);
        if (!offerCoreMetadata)
            files = [.. files.Select(f => f with { MetadataSha256 = null })];
        return Negotiated(accept, query,
            () => Encoding.UTF8.GetBytes(SimpleHtmlRenderer.ProjectPage(normalized, files, emitLegacyDistInfoMetadata)),
            () => SimpleJsonRenderer.ProjectPage(normalized, files));
    }

    private IndexResponse Negotiated(string? accept, string query, Func<byte[]> html, Func<byte[]> json)
    {
        var requestedFormat = FormatParameter(query);
        var chosen = ContentNegotiation.Choose(requestedFormat ?? accept, formats);
        return chosen switch
        {
            null => IndexResponse.Text(406,
                $"None of the accepted types is served. Accept one of: {SimpleMediaTypes.Json}, {SimpleMediaTypes.Html}, {SimpleMediaTypes.LegacyHtml}.",
                VaryAccept),
            SimpleMediaTypes.Json => IndexResponse.Bytes(200, SimpleMediaTypes.Json, json(), VaryAccept),
            SimpleMediaTypes.Html => IndexResponse.Bytes(200, SimpleMediaTypes.Html + "; charset=utf-8", html(), VaryAccept),
            _ => IndexResponse.Bytes(200, "text/html; charset=utf-8", html(), VaryAccept),
        };
    }

    /// <summary>PEP 691 <c>?format=</c>; a literal "+" stays a plus (it is part of the media types).</summary>
    private static string? FormatParameter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == "format")
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    private IndexResponse RouteFile(string project, string fileName)
    {
        if (snapshot.Find(project, fileName) is { } file)
            return IndexResponse.File(file.FullPath, "application/octet-stream");
        if (offerCoreMetadata && fileName.EndsWith(IndexUrls.MetadataSuffix, StringComparison.Ordinal) &&
            snapshot.Find(project, fileName[..^IndexUrls.MetadataSuffix.Length]) is { MetadataSha256: not null } wheel &&
            metadataByFileHash(wheel.Sha256) is { } metadata)
            return IndexResponse.Bytes(200, "application/octet-stream", metadata);
        return NotFound($"/files/{project}/{fileName}");
    }

    private static IndexResponse NotFound(string path) => IndexResponse.Text(404, $"Not found: {path}");
}
