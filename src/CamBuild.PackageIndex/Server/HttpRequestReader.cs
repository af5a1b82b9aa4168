using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>Reads HTTP/1.1 request heads from a connection, keeping bytes that belong to the next pipelined request.</summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private const int MaxHeadBytes = 32 * 1024;
    private const int MaxDiscardedBody = 64 * 1024;
    private readonly byte[] _buffer = new byte[MaxHeadBytes];
    private int _start;
    private int _end;

    /// <summary>Null when the peer closed the connection between requests.</summary>
    public async Task<HttpRequestHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headEnd = IndexOfHeadEnd();
            if (headEnd >= 0)
            {
                var text = Encoding.Latin1.GetString(_buffer, _start, headEnd - _start);
                _start = headEnd + 4;
                return Parse(text);
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                throw new HttpProtocolException(431, "Request header fields too large.");
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return _end == 0 ? null : throw new HttpProtocolException(400, "Connection closed in the middle of a request head.");
            _end += read;
        }
    }

    /// <summary>Skips a small request body so keep-alive can continue; false when the connection must close instead.</summary>
    public async Task<bool> DiscardBodyAsync(HttpRequestHead head, CancellationToken cancellationToken)
    {
        if (head.HasChunkedBody || head.ContentLength > MaxDiscardedBody)
            return false;
        var remaining = head.ContentLength;
        var buffered = Math.Min(remaining, _end - _start);
        _start += (int)buffered;
        remaining -= buffered;
        var scratch = new byte[4096];
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return false;
            remaining -= read;
        }
        return true;
    }

    private int IndexOfHeadEnd() =>
        _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8) is var i and >= 0 ? _start + i : -1;

    private static HttpRequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !requestLine[1].StartsWith('/'))
            throw new HttpProtocolException(400, "Malformed request line.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new HttpProtocolException(400, "Malformed header line.");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }
        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
