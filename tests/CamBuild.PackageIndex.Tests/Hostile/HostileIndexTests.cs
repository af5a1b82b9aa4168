using System.Diagnostics;
using System.Text;
using CamBuild.PackageIndex.Client;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.Python;
using CamBuild.Python.Leaves;
using CamBuild.Python.Markers;

namespace CamBuild.PackageIndex.Tests.Hostile;

/// <summary>
/// Index answers an attacker (or a broken proxy) could give: each ends with an error that names the URL, says what is
/// wrong and how to fix it, and writes nothing.
/// </summary>
public sealed class HostileIndexTests : IAsyncLifetime
{
    private const string Html = "text/html";
    private const string Json = "application/vnd.pypi.simple.v1+json";
    private static readonly string Sha = new('a', 64);
    private readonly HostileIndexServer _server = new();
    private readonly TempDirectory _target = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _target.Dispose();
    }

    private HttpPackageSource Source(HttpPackageSourceOptions? options = null) =>
        new(_server.SimpleUrl, (options ?? new HttpPackageSourceOptions()) with { MaxAttempts = 1 });

    private async Task<string> PageErrorAsync(string contentType, string body, HttpPackageSourceOptions? options = null)
    {
        _server.On("/simple/katcp/", contentType, body);
        using var source = Source(options);
        var error = await Assert.ThrowsAnyAsync<PackageIndexException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.Contains($"http://127.0.0.1:{_server.Port}/simple/katcp/", error.Message, StringComparison.Ordinal);
        return error.Message;
    }

    [Theory(Timeout = 30_000)]
    [InlineData("../../x.whl")]
    [InlineData("..%2F..%2Fx.whl")]
    [InlineData("&#46;&#46;&#47;&#46;&#46;&#47;x.whl")]
    [InlineData("/etc/cron.d/x.whl")]
    [InlineData("..\\..\\x.whl")]
    public async Task A_file_name_that_climbs_out_of_its_directory_is_refused_from_html(string name)
    {
        var message = await PageErrorAsync(Html, $"""<a href="../../files/x-1.0-py3-none-any.whl#sha256={Sha}">{name}</a>""");
        if (!name.Contains('%', StringComparison.Ordinal))
            Assert.Contains("not a plain file name", message, StringComparison.Ordinal);
        Assert.Contains("ask the index owner", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_name_that_climbs_out_of_its_directory_is_refused_from_json()
    {
        var message = await PageErrorAsync(Json, $$$"""{"meta": {"api-version": "1.0"}, "name": "katcp", "files": [{"filename": "../../x.whl", "url": "x.whl", "hashes": {"sha256": "{{{Sha}}}"}}]}""");
        Assert.Contains("'../../x.whl' contains a path separator", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_download_whose_hash_does_not_match_leaves_nothing_behind()
    {
        _server.On("/simple/katcp/", Html, $"""<a href="/files/katcp-1.0-py3-none-any.whl#sha256={Sha}">katcp-1.0-py3-none-any.whl</a>""");
        _server.On("/files/katcp-1.0-py3-none-any.whl", "application/octet-stream", "not the file the page announced");
        using var source = Source();
        var file = (await source.GetFilesAsync("katcp", CancellationToken.None)).Single();
        var error = await Assert.ThrowsAsync<DistributionHashMismatchException>(() => source.DownloadAsync(file, _target.Combine("w", file.FileName), CancellationToken.None));
        Assert.Contains($"expected {Sha}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_target.Combine("w")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_50_MB_page_announced_by_length_is_refused_before_it_is_read()
    {
        _server.On("/simple/katcp/", HostileIndexServer.Raw($"HTTP/1.1 200 OK\r\nContent-Type: {Html}\r\nContent-Length: {50 * 1024 * 1024}\r\n\r\n<a "));
        using var source = Source();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PackageIndexFormatException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.Contains("larger than 16 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_50_MB_page_without_a_length_is_cut_off_at_the_limit()
    {
        _server.On("/simple/katcp/", async (client, stop) =>
        {
            await client.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {Html}\r\nConnection: close\r\n\r\n"), stop);
            var chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
            for (var i = 0; i < 50; i++) await client.WriteAsync(chunk, stop);
        });
        using var source = Source(new HttpPackageSourceOptions { MaxPageBytes = 4 * 1024 * 1024 });
        var error = await Assert.ThrowsAsync<PackageIndexFormatException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.Contains("larger than 4 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_page_that_never_ends_is_given_up_after_the_read_timeout()
    {
        _server.On("/simple/katcp/", async (client, stop) =>
        {
            await client.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {Html}\r\nConnection: close\r\n\r\n"), stop);
            while (!stop.IsCancellationRequested)
            {
                await client.WriteAsync("<"u8.ToArray(), stop);
                await Task.Delay(100, stop);
            }
        });
        using var source = Source(new HttpPackageSourceOptions { PageReadTimeout = TimeSpan.FromSeconds(2) });
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PackageIndexFormatException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 15);
        Assert.Contains("did not end within 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Headers_that_never_end_are_given_up_after_the_request_timeout()
    {
        _server.On("/simple/katcp/", async (client, stop) =>
        {
            await client.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n"), stop);
            while (!stop.IsCancellationRequested)
            {
                await client.WriteAsync("X-Slow: 1\r\n"u8.ToArray(), stop);
                await Task.Delay(200, stop);
            }
        });
        using var source = Source(new HttpPackageSourceOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<PackageIndexException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1, 15);
        Assert.Contains("/simple/katcp/", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("<html><body><a href=\"/f/katcp-1.0-py3-none-any.whl#sha256=HASH\">katcp-1.0-py3-none-any.whl<b><i><a href=\"/f/katcp-1.1-py3-none-any.whl#sha256=HASH\">katcp-1.1&amp;-py3-none-any.whl", 2)]
    [InlineData("<a href=\"/f/katcp-1.0-py3-none-any.whl#sha256=HASH\" data-requires-python=\"&gt;=3.8&#xZZ;&#99999999;&bogus;\">katcp-1.0-py3-none-any.whl", 1)]
    [InlineData("<!-- unclosed comment <a href=\"/f/katcp-1.0-py3-none-any.whl#sha256=HASH\">katcp-1.0-py3-none-any.whl</a>", 0)]
    [InlineData("<a href='/f/katcp-1.0-py3-none-any.whl#sha256=HASH' data-yanked", 1)]
    [InlineData("<<<<>>>><a<a<a href=>", 0)]
    public async Task Broken_html_and_entities_give_files_or_a_clear_error_never_a_crash(string page, int files)
    {
        _server.On("/simple/katcp/", Html, page.Replace("HASH", Sha, StringComparison.Ordinal));
        using var source = Source();
        try
        {
            Assert.Equal(files, (await source.GetFilesAsync("katcp", CancellationToken.None)).Count);
        }
        catch (PackageIndexFormatException e)
        {
            Assert.Contains("/simple/katcp/", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData("[1, 2, 3]", "not an object")]
    [InlineData("{\"files\": {}}", "no 'files' array")]
    [InlineData("{\"files\": [1]}", "is a JSON number, not an object")]
    [InlineData("{\"files\": [[]]}", "is a JSON array, not an object")]
    [InlineData("{\"meta\": \"1.0\", \"files\": []}", "'meta' is a JSON string")]
    [InlineData("{\"meta\": {\"api-version\": 1}, \"files\": []}", "'meta.api-version' is a JSON number")]
    [InlineData("{\"files\": [{\"filename\": 5, \"url\": \"x\"}]}", "no 'filename'")]
    [InlineData("{\"files\": [{\"filename\": \"katcp-1.0-py3-none-any.whl\", \"url\": \"x\", \"hashes\": {\"sha256\": 7}}]}", "has no sha256 hash")]
    [InlineData("{\"files\": [{\"filename\": \"katcp-1.0-py3-none-any.whl\", \"url\": \"x\", \"hashes\": []}]}", "has no sha256 hash")]
    [InlineData("{\"files\": [{\"filename\": \"katcp-1.0-py3-none-any.whl\", \"url\": \"file:///etc/passwd\", \"hashes\": {\"sha256\": \"SHA\"}}]}", "only http and https")]
    [InlineData("{\"files\": [", "does not parse")]
    public async Task Json_of_the_wrong_shape_is_refused_with_what_is_wrong(string body, string expected)
    {
        var message = await PageErrorAsync(Json, body.Replace("SHA", Sha, StringComparison.Ordinal));
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_redirect_to_another_host_is_refused()
    {
        _server.On("/simple/katcp/", HostileIndexServer.Raw($"HTTP/1.1 302 Found\r\nLocation: http://localhost:{_server.Port}/simple/katcp/\r\nContent-Length: 0\r\n\r\n"));
        using var source = Source();
        var error = await Assert.ThrowsAsync<PackageIndexException>(() => source.GetFilesAsync("katcp", CancellationToken.None));
        Assert.Contains($"to another host, http://localhost:{_server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("configure its URL directly", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_redirect_on_the_same_host_is_followed()
    {
        _server.On("/simple/katcp/", HostileIndexServer.Raw($"HTTP/1.1 301 Moved\r\nLocation: /moved/katcp/\r\nContent-Length: 0\r\n\r\n"));
        _server.On("/moved/katcp/", Html, $"""<a href="katcp-1.0-py3-none-any.whl#sha256={Sha}">katcp-1.0-py3-none-any.whl</a>""");
        using var source = Source();
        Assert.Single(await source.GetFilesAsync("katcp", CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task Data_yanked_on_every_file_leaves_no_leaf_and_says_so()
    {
        _server.On("/simple/katcp/", Html, $"""
            <a href="katcp-1.0-py3-none-any.whl#sha256={Sha}" data-yanked="compromised">katcp-1.0-py3-none-any.whl</a>
            <a href="katcp-1.1-py3-none-any.whl#sha256={Sha}" data-yanked="">katcp-1.1-py3-none-any.whl</a>
            """);
        using var source = Source();
        var error = await Assert.ThrowsAsync<LeafResolutionException>(() =>
            LeafResolver.ResolveAsync([new LeafSpec("katcp")], source, MarkerEnvironment.ForCPythonOnLinux("3.11.2"), CancellationToken.None));
        Assert.Contains("has only yanked versions", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.0: compromised", error.Message, StringComparison.Ordinal);
        Assert.Contains("un-yank", error.Message, StringComparison.Ordinal);
    }
}
