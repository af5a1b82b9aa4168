using System.Net;
using System.Net.Sockets;
using System.Text;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;

namespace CamBuild.PackageIndex.Tests.Server;

/// <summary>
/// Requests a hostile or broken client sends: each is refused by Kestrel's configured limits or by the router,
/// answers within a bounded time, never reaches a file outside the index, and leaves the server serving.
/// </summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private const int MaxConnections = 64;
    private readonly TempDirectory _root = new();
    private readonly HttpClient _http = ServerHttp.Create();
    private PackageIndexServer _server = null!;

    public Task InitializeAsync()
    {
        UniverseIndex.WriteSubset(_root.Path, "tornado");
        _server = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path)
        {
            RequestHeadersTimeout = TimeSpan.FromSeconds(2),
            MaxConnections = MaxConnections,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _root.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_1_MB_request_line_is_refused_with_414_before_it_is_read_whole()
    {
        var line = Encoding.ASCII.GetBytes("GET /simple/" + new string('a', 1024 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        var chunks = line.Chunk(16 * 1024);

        var answer = await RawHttp.SendAsync(_server.Port, chunks, TimeSpan.FromSeconds(20));

        Assert.Equal(414, answer.Status);
        Assert.True(answer.Closed, "the connection stays open after a rejected request line");
        Assert.Empty(_server.RequestLog);
        await AssertStillServingAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Too_many_header_bytes_are_refused_with_431()
    {
        var headers = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Filler-{i}: {new string('h', 1000)}\r\n"));

        var answer = await RawHttp.SendAsync(_server.Port, $"GET /simple/ HTTP/1.1\r\nHost: x\r\n{headers}\r\n", TimeSpan.FromSeconds(20));

        Assert.Equal(431, answer.Status);
        Assert.Empty(_server.RequestLog);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_client_that_never_ends_its_headers_is_cut_off_by_the_headers_timeout()
    {
        // One header line every 300 ms, forever: only the time limit on the whole head can end this.
        var trickle = Enumerable.Range(0, 200).Select(i => Encoding.ASCII.GetBytes(i == 0 ? "GET /simple/ HTTP/1.1\r\nHost: x\r\n" : $"X-Slow-{i}: y\r\n"));

        var answer = await RawHttp.SendAsync(_server.Port, trickle, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));

        Assert.Equal(408, answer.Status);
        Assert.True(answer.Closed);
        Assert.InRange(answer.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        Assert.Empty(_server.RequestLog);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_large_request_body_is_not_read()
    {
        var answer = await RawHttp.SendAsync(_server.Port,
            "POST /simple/ HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n" + new string('b', 1000), TimeSpan.FromSeconds(20));

        Assert.Equal(405, answer.Status);
        Assert.True(answer.Closed, "the server waits for a 100 MB body it will never use");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/files/../../etc/passwd")]
    [InlineData("/files/tornado/../../../etc/passwd")]
    [InlineData("/files/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/files/tornado/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/files/%2E%2E%2F%2E%2E%2Fetc/passwd")]
    [InlineData("/files/tornado/%252e%252e%252f%252e%252e%252fetc%252fpasswd")]
    [InlineData("/files/tornado/..%5C..%5C..%5Cetc%5Cpasswd")]
    [InlineData("/simple/../files/tornado/tornado-6.1-py3-none-any.whl")]
    public async Task Path_traversal_is_refused_and_reads_nothing_outside_the_index(string target)
    {
        var answer = await RawHttp.SendAsync(_server.Port, $"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", TimeSpan.FromSeconds(20));

        Assert.True(answer.Status is 400 or 404, answer.Text);
        Assert.DoesNotContain("root:", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PK", answer.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Ten_thousand_connections_are_held_to_the_limit_and_the_server_serves_afterwards()
    {
        const int attempts = 10_000;
        var sockets = new List<Socket>(attempts);
        try
        {
            using var connecting = new SemaphoreSlim(200);
            var opened = await Task.WhenAll(Enumerable.Range(0, attempts).Select(async _ =>
            {
                await connecting.WaitAsync();
                try
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
                    try
                    {
                        await socket.ConnectAsync(IPAddress.Loopback, _server.Port).WaitAsync(TimeSpan.FromSeconds(30));
                        return socket;
                    }
                    catch (Exception e) when (e is SocketException or TimeoutException)
                    {
                        socket.Dispose();
                        return null;
                    }
                }
                finally
                {
                    connecting.Release();
                }
            }));
            sockets.AddRange(opened.OfType<Socket>());
            await Task.Delay(TimeSpan.FromSeconds(1));

            // A connection the server closed is readable with nothing to read; one it holds is not readable.
            var held = sockets.Count(s => !s.Poll(0, SelectMode.SelectRead));

            Assert.InRange(held, 1, MaxConnections);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                Assert.Contains("tornado", await ServerHttp.TextAsync(_http, _server.SimpleUrl), StringComparison.Ordinal);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Kestrel may still be counting connections the test just dropped.
                await Task.Delay(200);
            }
        }
    }
}
