using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>
/// Reads parameters from the query string and a form-urlencoded, JSON-less body, or the multipart upload body
/// with Proxmox's rules: a Content-Length, fields before the file part, the file part named <c>filename</c>.
/// </summary>
internal static class SimRequestReader
{
    public static async Task<(Dictionary<string, string> Parameters, byte[]? File)> ReadAsync(HttpRequest request, string template)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.Method is "GET" or "DELETE" || request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0) return (parameters, null);
        var type = request.ContentType ?? "";
        if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (!template.EndsWith("/upload", StringComparison.Ordinal)) throw new PveError(506, "Unsupported content type");
            if (request.ContentLength is null) throw new PveError(501, "upload without content length");
            return await ReadMultipartAsync(request, type, parameters).ConfigureAwait(false);
        }
        if (!type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            throw new PveError(506, $"Unsupported content type '{type}'");
        var form = await request.ReadFormAsync().ConfigureAwait(false);
        foreach (var field in form) parameters[field.Key] = field.Value.ToString();
        return (parameters, null);
    }

    private static async Task<(Dictionary<string, string>, byte[]?)> ReadMultipartAsync(HttpRequest request, string type, Dictionary<string, string> parameters)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(type).Boundary).Value
            ?? throw new PveError(400, "multipart boundary missing");
        var reader = new MultipartReader(boundary, request.Body);
        byte[]? file = null;
        while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                if (name != "filename") throw new PveError(500, $"wrong field name '{name}' for file upload, expected 'filename'");
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer).ConfigureAwait(false);
                file = buffer.ToArray();
                parameters["filename"] = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                continue;
            }
            if (file is not null) throw new PveError(500, $"form field '{name}' after the file part: send fields before the file");
            using var text = new StreamReader(section.Body);
            parameters[name] = await text.ReadToEndAsync().ConfigureAwait(false);
        }
        return (parameters, file);
    }
}
