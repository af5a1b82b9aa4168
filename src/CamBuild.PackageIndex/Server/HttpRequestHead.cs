namespace CamBuild.PackageIndex.Server;

internal sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public bool KeepAlive
    {
        get
        {
            var connection = Header("Connection") ?? "";
            return Version == "HTTP/1.1"
                ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
                : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        }
    }

    public long ContentLength => long.TryParse(Header("Content-Length"), out var length) && length > 0 ? length : 0;

    public bool HasChunkedBody => Header("Transfer-Encoding") is { Length: > 0 };
}

/// <summary>A request the server cannot parse; answered with <see cref="StatusCode"/> and the connection closed.</summary>
internal sealed class HttpProtocolException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
