using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>What the server sends back: an in-memory body or a file streamed from disk.</summary>
internal sealed record IndexResponse(int StatusCode, string? ContentType, byte[] Body, string? FilePath, IReadOnlyDictionary<string, string> Headers)
{
    public long ContentLength => FilePath is null ? Body.Length : new FileInfo(FilePath).Length;

    public static IndexResponse Bytes(int status, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, contentType, body, null, headers ?? new Dictionary<string, string>());

    public static IndexResponse Text(int status, string text, IReadOnlyDictionary<string, string>? headers = null) =>
        Bytes(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"), headers);

    public static IndexResponse File(string path, string contentType) =>
        new(200, contentType, [], path, new Dictionary<string, string>());

    public static IndexResponse Redirect(string location) =>
        Text(301, $"Moved to {location}", new Dictionary<string, string> { ["Location"] = location });
}
