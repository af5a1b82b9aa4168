using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CamBuild.PackageIndex.Server;

/// <summary>
/// Embedded PEP 503/691 index on 127.0.0.1 serving <c>/simple/</c>, <c>/simple/&lt;project&gt;/</c> and
/// <c>/files/&lt;project&gt;/&lt;file&gt;[.metadata]</c> from a directory, hosted by Kestrel with explicit limits
/// (<see cref="KestrelLimits"/>). Start with <see cref="Start"/>, stop by disposing.
/// </summary>
public sealed class PackageIndexServer : IAsyncDisposable
{
    private readonly PackageIndexServerOptions _options;
    private readonly IndexScanner _scanner;
    private readonly ConcurrentQueue<IndexRequestLogEntry> _log = new();
    private readonly WebApplication _app;
    private volatile IndexSnapshot _snapshot;
    private int _disposed;

    private PackageIndexServer(PackageIndexServerOptions options)
    {
        _options = options;
        Formats = options.Formats;
        _scanner = new IndexScanner(options.RootDirectory);
        _snapshot = _scanner.Scan();
        var authentication = options.RequiredCredential is null ? null : new BasicAuthentication(options.RequiredCredential);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            KestrelLimits.Apply(kestrel, options);
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        _app = builder.Build();
        _app.Run(new IndexRequestHandler(this, authentication).HandleAsync);
        StartListening();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Port = new Uri(address).Port;
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
    }

    /// <summary>
    /// Scans the directory (hashes, metadata) and starts listening; throws <see cref="PackageIndexLayoutException"/>
    /// on a bad layout and <see cref="SocketException"/> when the port cannot be bound.
    /// </summary>
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
    internal IndexFormats Formats { get; set; }

    internal IndexSnapshot Snapshot => _snapshot;

    /// <summary>Digest of everything served (names, hashes, yank state): a cache input for targets.</summary>
    public string ContentDigest => _snapshot.ContentDigest;

    internal IReadOnlyList<IndexRequestLogEntry> RequestLog => [.. _log];

    public void ClearRequestLog() => _log.Clear();

    /// <summary>Rescans the directory; only new or changed files are hashed again.</summary>
    public void Refresh() => _snapshot = _scanner.Scan();

    internal IndexRouter CreateRouter() =>
        new(_snapshot, Formats, _scanner.MetadataFor, _options.OfferCoreMetadata, _options.EmitLegacyDistInfoMetadata);

    internal void Log(IndexRequestLogEntry entry) => _log.Enqueue(entry);

    private void StartListening()
    {
        try
        {
            _app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (SocketErrorIn(e) is { } socket)
        {
            // Kestrel wraps the bind failure (AddressInUseException); callers handle the socket error itself.
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            ExceptionDispatchInfo.Throw(socket);
        }
    }

    private static SocketException? SocketErrorIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
                return socket;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
