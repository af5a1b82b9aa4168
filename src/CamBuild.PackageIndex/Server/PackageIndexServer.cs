using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CamBuild.PackageIndex.Server;

/// <summary>
/// Embedded PEP 503/691 index on 127.0.0.1 serving <c>/simple/</c>, <c>/simple/&lt;project&gt;/</c> and
/// <c>/files/&lt;project&gt;/&lt;file&gt;[.metadata]</c> from a directory. Start with <see cref="Start"/>, stop by disposing.
/// </summary>
public sealed class PackageIndexServer : IAsyncDisposable
{
    private readonly PackageIndexServerOptions _options;
    private readonly IndexScanner _scanner;
    private readonly BasicAuthentication? _authentication;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (TcpClient Client, Task Task)> _connections = new();
    private readonly ConcurrentQueue<IndexRequestLogEntry> _log = new();
    private readonly Task _acceptLoop;
    private volatile IndexSnapshot _snapshot;
    private long _nextConnectionId;
    private int _disposed;

    private PackageIndexServer(PackageIndexServerOptions options)
    {
        _options = options;
        Formats = options.Formats;
        _scanner = new IndexScanner(options.RootDirectory);
        _snapshot = _scanner.Scan();
        _authentication = options.RequiredCredential is null ? null : new BasicAuthentication(options.RequiredCredential);
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start(backlog: 128);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Scans the directory (hashes, metadata) and starts listening; throws <see cref="PackageIndexLayoutException"/> on a bad layout.</summary>
    public static PackageIndexServer Start(PackageIndexServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PackageIndexServer(options);
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/simple/</c>, the URL to give pip as <c>--index-url</c>.</summary>
    public Uri SimpleUrl => new(BaseUrl, "simple/");

    /// <summary>Representations offered; may be switched while running.</summary>
    public IndexFormats Formats { get; set; }

    public IndexSnapshot Snapshot => _snapshot;

    /// <summary>Digest of everything served (names, hashes, yank state): a cache input for targets.</summary>
    public string ContentDigest => _snapshot.ContentDigest;

    public IReadOnlyList<IndexRequestLogEntry> RequestLog => [.. _log];

    public void ClearRequestLog() => _log.Clear();

    /// <summary>Rescans the directory; only new or changed files are hashed again.</summary>
    public void Refresh() => _snapshot = _scanner.Scan();

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var id = Interlocked.Increment(ref _nextConnectionId);
            var task = Task.Run(() => ServeConnectionAsync(id, client));
            _connections[id] = (client, task);
        }
    }

    private async Task ServeConnectionAsync(long id, TcpClient client)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            var keepAlive = true;
            while (keepAlive && !_stopping.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                idle.CancelAfter(_options.IdleConnectionTimeout);
                HttpRequestHead? head;
                try
                {
                    head = await reader.ReadHeadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (HttpProtocolException e)
                {
                    await HttpResponseWriter.WriteAsync(stream, IndexResponse.Text(e.StatusCode, e.Message), false, false, _stopping.Token).ConfigureAwait(false);
                    return;
                }
                if (head is null)
                    return;
                keepAlive = head.KeepAlive && await reader.DiscardBodyAsync(head, idle.Token).ConfigureAwait(false);
                var response = Respond(head);
                Log(head, response);
                await HttpResponseWriter.WriteAsync(stream, response, head.Method == "HEAD", keepAlive, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the server is stopping; nothing to answer.
        }
        finally
        {
            client.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    private IndexResponse Respond(HttpRequestHead head)
    {
        if (_authentication is not null && !_authentication.IsAuthorized(head.Header("Authorization")))
            return IndexResponse.Text(401, "Authentication required for this index.",
                new Dictionary<string, string> { ["WWW-Authenticate"] = BasicAuthentication.Challenge });
        try
        {
            return new IndexRouter(_snapshot, Formats, _scanner.MetadataFor, _options.OfferCoreMetadata, _options.EmitLegacyDistInfoMetadata).Route(head.Method, head.Target, head.Header("Accept"));
        }
        catch (Exception e) when (e is IOException or UriFormatException)
        {
            return IndexResponse.Text(500, "The index could not read the requested content: " + e.GetType().Name);
        }
    }

    private void Log(HttpRequestHead head, IndexResponse response) =>
        _log.Enqueue(new IndexRequestLogEntry(DateTimeOffset.UtcNow, head.Method, head.Target, response.StatusCode,
            head.Header("Accept"), response.ContentType, BasicAuthentication.PresentedUser(head.Header("Authorization"))));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var (client, _) in _connections.Values)
            client.Dispose();
        var pending = _connections.Values.Select(c => c.Task).Append(_acceptLoop);
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
