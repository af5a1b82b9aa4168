using CamBuild.Python.Versions;
using CamBuild.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CamBuild.PackageIndex.Client;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Tests.Client;

public sealed class HttpPackageSourceTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private PackageIndexServer _server = null!;

    public Task InitializeAsync()
    {
        UniverseIndex.WriteSubset(_root.Path, "tornado", "katcp", "katcp-codec");
        _server = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Json_and_html_forms_give_the_same_files_hashes_and_yanks()
    {
        using var json = new HttpPackageSource(_server.SimpleUrl);
        using var html = new HttpPackageSource(_server.SimpleUrl, new HttpPackageSourceOptions { Format = IndexFormatPreference.HtmlOnly });

        foreach (var project in (string[])["tornado", "katcp", "Katcp_Codec"])
        {
            var fromJson = await json.GetFilesAsync(project, CancellationToken.None);
            Assert.Equal(SimpleMediaTypes.Json, json.LastPageContentType);
            var fromHtml = await html.GetFilesAsync(project, CancellationToken.None);
            Assert.Equal(SimpleMediaTypes.Html, html.LastPageContentType);

            Assert.NotEmpty(fromJson);
            Assert.Equal(fromJson, fromHtml);
            var expected = _server.Snapshot.FilesOf(PackageName.Normalize(project));
            Assert.Equal(expected.Select(f => (f.FileName, f.Sha256, f.YankedReason, f.RequiresPython)),
                fromJson.Select(f => (f.FileName, f.Sha256, f.YankedReason, f.RequiresPython)));
            Assert.All(fromJson, f => Assert.True(f.HasCoreMetadata));
        }
        var tornado = await json.GetFilesAsync("tornado", CancellationToken.None);
        Assert.Equal(UniverseIndex.YankedWithReason, tornado.Single(f => f.FileName == "tornado-6.4-py3-none-any.whl").YankedReason);
        Assert.Equal("", (await html.GetFilesAsync("katcp", CancellationToken.None)).Single(f => f.FileName.StartsWith("katcp-0.9.1", StringComparison.Ordinal)).YankedReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task Html_only_server_is_read_by_the_json_preferring_client()
    {
        _server.Formats = IndexFormats.HtmlOnly;
        using var source = new HttpPackageSource(_server.SimpleUrl);

        var files = await source.GetFilesAsync("tornado", CancellationToken.None);

        Assert.Equal("text/html", source.LastPageContentType);
        Assert.Equal(4, files.Count);
        Assert.Equal(new Uri(_server.BaseUrl, "files/tornado/tornado-6.1-py3-none-any.whl"), files.Single(f => f.FileName == "tornado-6.1-py3-none-any.whl").Url);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_json_only_server_refusing_an_html_only_client_is_an_error_not_an_empty_project()
    {
        _server.Formats = IndexFormats.JsonOnly;
        using var source = new HttpPackageSource(_server.SimpleUrl, new HttpPackageSourceOptions { Format = IndexFormatPreference.HtmlOnly });

        var error = await Assert.ThrowsAsync<PackageIndexException>(() => source.GetFilesAsync("tornado", CancellationToken.None));

        Assert.Contains("HTTP 406", error.Message, StringComparison.Ordinal);
        Assert.Contains("/simple/tornado/", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Unknown_project_is_empty()
    {
        using var source = new HttpPackageSource(_server.SimpleUrl);

        Assert.Empty(await source.GetFilesAsync("no-such-project", CancellationToken.None));
    }

    [Fact(Timeout = 60_000)]
    public async Task Core_metadata_comes_from_PEP_658_file_when_offered()
    {
        using var source = new HttpPackageSource(_server.SimpleUrl);
        var file = (await source.GetFilesAsync("katcp", CancellationToken.None)).Single(f => f.FileName == "katcp-0.9.3-py3-none-any.whl");
        _server.ClearRequestLog();

        var metadata = CoreMetadata.Parse(await source.GetCoreMetadataAsync(file, CancellationToken.None), file.FileName);

        Assert.Equal(("katcp", "0.9.3"), (metadata.Name, metadata.Version));
        Assert.Contains("tornado>=4.3, <5", metadata.RequiresDist);
        Assert.Equal(["/files/katcp/katcp-0.9.3-py3-none-any.whl.metadata"], _server.RequestLog.Select(r => r.Target));
    }

    [Fact(Timeout = 60_000)]
    public async Task Core_metadata_is_read_from_the_wheel_when_the_index_offers_none()
    {
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path) { OfferCoreMetadata = false });
        using var source = new HttpPackageSource(server.SimpleUrl);
        var file = (await source.GetFilesAsync("tornado", CancellationToken.None)).Single(f => f.FileName == "tornado-6.1-py3-none-any.whl");
        server.ClearRequestLog();

        var text = await source.GetCoreMetadataAsync(file, CancellationToken.None);

        Assert.False(file.HasCoreMetadata);
        Assert.Equal(WheelMetadataReader.ReadMetadataText(Path.Combine(_root.Path, "tornado", file.FileName)), text);
        Assert.Equal(["/files/tornado/tornado-6.1-py3-none-any.whl"], server.RequestLog.Select(r => r.Target));
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_is_verified_and_lands_atomically()
    {
        using var source = new HttpPackageSource(_server.SimpleUrl);
        using var target = new TempDirectory();
        var file = (await source.GetFilesAsync("tornado", CancellationToken.None)).Single(f => f.FileName == "tornado-6.1-py3-none-any.whl");
        var destination = target.Combine("nested", file.FileName);

        await source.DownloadAsync(file, destination, CancellationToken.None);

        Assert.Equal(file.Sha256, Sha256.OfFile(destination).Hex);
        Assert.Equal([destination], Directory.GetFiles(target.Combine("nested")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_tampered_file_is_refused_with_file_expected_and_actual_hash()
    {
        using var source = new HttpPackageSource(_server.SimpleUrl);
        using var target = new TempDirectory();
        var file = (await source.GetFilesAsync("tornado", CancellationToken.None)).Single(f => f.FileName == "tornado-6.1-py3-none-any.whl");
        var onDisk = Path.Combine(_root.Path, "tornado", file.FileName);
        await File.AppendAllTextAsync(onDisk, "tampered");
        var actual = Sha256.OfFile(onDisk).Hex;
        var destination = target.Combine(file.FileName);

        var error = await Assert.ThrowsAsync<DistributionHashMismatchException>(() => source.DownloadAsync(file, destination, CancellationToken.None));
        var metadataError = await Assert.ThrowsAsync<DistributionHashMismatchException>(
            () => source.GetCoreMetadataAsync(file with { HasCoreMetadata = false }, CancellationToken.None));

        Assert.Contains(file.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {file.Sha256}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"actual {actual}", error.Message, StringComparison.Ordinal);
        Assert.Equal(actual, metadataError.ActualSha256);
        Assert.Empty(Directory.GetFiles(target.Path));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unreachable_index_fails_fast_with_its_url_after_bounded_retries()
    {
        var closedPort = ClosedLoopbackPort();
        var url = new Uri($"http://127.0.0.1:{closedPort}/simple/");
        using var source = new HttpPackageSource(url, new HttpPackageSourceOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(50) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PackageIndexUnavailableException>(() => source.GetFilesAsync("katcp", CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri(url, "katcp/"), error.Url);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
