using System.Globalization;
using System.Text;

namespace CamBuild.PackageIndex.Server;

internal static class HttpResponseWriter
{
    public static async Task WriteAsync(Stream stream, IndexResponse response, bool headOnly, bool keepAlive, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(response.StatusCode).Append(' ').Append(Reason(response.StatusCode)).Append("\r\n");
        head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Server: cambuild-index\r\n");
        if (response.ContentType is not null)
            head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        head.Append("Content-Length: ").Append(response.ContentLength).Append("\r\n");
        foreach (var (name, value) in response.Headers)
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        if (!headOnly)
        {
            if (response.FilePath is not null)
            {
                await using var file = new FileStream(response.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await stream.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
            }
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    };
}
