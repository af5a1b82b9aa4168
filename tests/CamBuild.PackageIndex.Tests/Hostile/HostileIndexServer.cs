using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CamBuild.PackageIndex.Tests.Hostile;

/// <summary>
/// A loopback HTTP/1.1 server that answers each request with whatever a test scripts for its path, including answers
/// no well-behaved index gives: bodies that never end, oversized pages, redirects to other hosts.
/// </summary>
internal sealed class HostileIndexServer : IAsyncDisposable
{
    public delegate Task Responder(NetworkStream client, CancellationToken stop);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Responder> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public HostileIndexServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri SimpleUrl => new($"http://127.0.0.1:{Port}/simple/");

    public void On(string path, Responder responder)
    {
        lock (_routes) _routes[path] = responder;
    }

    public void On(string path, string contentType, string body) => On(path, contentType, Encoding.UTF8.GetBytes(body));

    public void On(string path, string contentType, byte[] body) =>
        On(path, async (client, stop) =>
        {
            await client.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), stop);
            await client.WriteAsync(body, stop);
        });

    public static Responder Raw(string head) => async (client, stop) => await client.WriteAsync(Encoding.ASCII.GetBytes(head), stop);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient tcp)
    {
        using (tcp)
        {
            try
            {
                var stream = tcp.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
                {
                    if (await stream.ReadAsync(one, _stop.Token) == 0) return;
                    head.Append((char)one[0]);
                }
                var path = head.ToString().Split(' ')[1];
                Responder? responder;
                lock (_routes) _routes.TryGetValue(path, out responder);
                responder ??= Raw("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await responder(stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up (as it must for a page that never ends).
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _listener.Dispose();
        _stop.Dispose();
    }
}
