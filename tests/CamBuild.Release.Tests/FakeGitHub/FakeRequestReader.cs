using System.Net;
using System.Text.Json;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>Reads an HttpListener request into path (relative to /api/v3 or /api/uploads), query, raw body and parsed JSON.</summary>
internal static class FakeRequestReader
{
    public static (FakeRequest Request, string Zone) Read(HttpListenerRequest raw)
    {
        var rawUrl = raw.RawUrl ?? "/";
        var queryStart = rawUrl.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawUrl : rawUrl[..queryStart];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (queryStart >= 0)
        {
            foreach (var pair in rawUrl[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                query[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
            }
        }

        var zone = path.StartsWith(FakeGitHubServer.ApiPrefix, StringComparison.Ordinal) ? FakeGitHubServer.ApiPrefix
            : path.StartsWith(FakeGitHubServer.UploadsPrefix, StringComparison.Ordinal) ? FakeGitHubServer.UploadsPrefix : "";
        var relative = "/" + path[zone.Length..];
        using var buffer = new MemoryStream();
        raw.InputStream.CopyTo(buffer);
        var body = buffer.ToArray();
        JsonElement? json = null;
        if (body.Length > 0 && (body[0] == (byte)'{' || body[0] == (byte)'['))
        {
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                json = null;
            }
        }

        return (new FakeRequest(raw.HttpMethod, relative, query, body, raw.ContentType, json), zone);
    }
}
