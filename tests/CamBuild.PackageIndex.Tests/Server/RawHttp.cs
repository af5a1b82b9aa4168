using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CamBuild.PackageIndex.Tests.Server;

/// <summary>A client that writes exactly the bytes given (no normalisation, no limits), for requests HttpClient would refuse to send.</summary>
internal static class RawHttp
{
    /// <summary>What came back before the server closed the connection (or <paramref name="wait"/> ran out).</summary>
    internal sealed record Answer(string Text, bool Closed, TimeSpan Elapsed)
    {
        public int? Status => Text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(Text.AsSpan(9, 3), out var s) ? s : null;
    }

    /// <summary>Sends <paramref name="chunks"/> with <paramref name="pause"/> between them while reading the answer concurrently.</summary>
    public static async Task<Answer> SendAsync(int port, IEnumerable<byte[]> chunks, TimeSpan wait, TimeSpan pause = default)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(wait);
        var reading = ReadUntilClosedAsync(socket, deadline.Token);
        try
        {
            foreach (var chunk in chunks)
            {
                await socket.SendAsync(chunk, deadline.Token);
                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause, deadline.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The server hung up (or the time ran out) before all bytes were written: that is an answer too.
        }
        var (text, closed) = await reading;
        return new Answer(text, closed, clock.Elapsed);
    }

    public static Task<Answer> SendAsync(int port, string request, TimeSpan wait) =>
        SendAsync(port, [Encoding.Latin1.GetBytes(request)], wait);

    private static async Task<(string Text, bool Closed)> ReadUntilClosedAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0)
                    return (Encoding.Latin1.GetString(received.ToArray()), true);
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), true);
        }
        catch (OperationCanceledException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), false);
        }
    }
}
