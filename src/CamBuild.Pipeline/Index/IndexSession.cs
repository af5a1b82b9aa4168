using System.Net;
using CamBuild.PackageIndex.Client;
using CamBuild.PackageIndex.Server;
using CamBuild.Pipeline.Config;
using CamBuild.Python.Index;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Index;

/// <summary>How to reach the index: credentials for a remote one, the port of the embedded one.</summary>
public sealed record IndexAccess(NetworkCredential? Credential, int EmbeddedPort = EmbeddedIndex.DefaultPort);

/// <summary>A connection to the configured index for the duration of one target; stops the embedded server afterwards.</summary>
internal sealed class IndexSession : IAsyncDisposable
{
    private readonly PackageIndexServer? _server;
    private readonly HttpPackageSource _source;

    private IndexSession(PackageIndexServer? server, HttpPackageSource source)
    {
        _server = server;
        _source = source;
    }

    public IPackageSource Source => _source;

    public static async Task<IndexSession> OpenAsync(PipelinePaths paths, LeavesConfig config, IndexAccess access, IBuildLog log, CancellationToken cancellationToken)
    {
        if (!config.UsesEmbeddedIndex)
        {
            log.Info($"Index: {config.Index}");
            return new IndexSession(null, new HttpPackageSource(new Uri(config.Index), new HttpPackageSourceOptions { Credential = access.Credential }));
        }

        await EmbeddedIndex.EnsurePublishedAsync(paths, log, cancellationToken).ConfigureAwait(false);
        var server = EmbeddedIndex.Start(paths, access.EmbeddedPort);
        log.Info($"Index: embedded, serving {paths.Relative(paths.EmbeddedIndex)} at {server.SimpleUrl}");
        return new IndexSession(server, new HttpPackageSource(server.SimpleUrl));
    }

    public async ValueTask DisposeAsync()
    {
        _source.Dispose();
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
