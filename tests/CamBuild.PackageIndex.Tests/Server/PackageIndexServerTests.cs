using CamBuild.Common;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Tests.Server;

public sealed class PackageIndexServerTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly HttpClient _http = ServerHttp.Create();
    private PackageIndexServer _server = null!;

    public Task InitializeAsync()
    {
        UniverseIndex.WriteSubset(_root.Path, "tornado", "katcp", "katcp-codec");
        _server = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path) { EmitLegacyDistInfoMetadata = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _root.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Html_project_page_has_hashes_escaped_requires_python_yank_and_metadata_hashes()
    {
        var html = await ServerHttp.TextAsync(_http, new Uri(_server.SimpleUrl, "tornado/"), "text/html");
        var wheel = Path.Combine(_root.Path, "tornado", "tornado-6.4-py3-none-any.whl");
        var metadataSha = Sha256.Of(WheelMetadataReader.ReadMetadataBytes(wheel)).Hex;

        Assert.Contains("<meta name=\"pypi:repository-version\" content=\"1.0\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"../../files/tornado/tornado-6.4-py3-none-any.whl#sha256={Sha256.OfFile(wheel).Hex}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-requires-python=\"&gt;= 3.8\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-core-metadata=\"sha256={metadataSha}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-dist-info-metadata=\"sha256={metadataSha}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-yanked=\"{UniverseIndex.YankedWithReason}\">tornado-6.4-py3-none-any.whl</a>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("data-yanked").Skip(1));
    }

    [Fact(Timeout = 60_000)]
    public async Task Json_project_page_has_api_version_hashes_yanks_and_core_metadata()
    {
        using var response = await ServerHttp.GetAsync(_http, new Uri(_server.SimpleUrl, "katcp/"), "application/vnd.pypi.simple.v1+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("filename").GetString()!);

        Assert.Equal(SimpleMediaTypes.Json, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal("1.0", json.RootElement.GetProperty("meta").GetProperty("api-version").GetString());
        Assert.Equal("katcp", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(4, files.Count);
        var yanked = files["katcp-0.9.1-py3-none-any.whl"];
        Assert.Equal(JsonValueKind.True, yanked.GetProperty("yanked").ValueKind);
        Assert.Equal(JsonValueKind.False, files["katcp-0.9.3-py3-none-any.whl"].GetProperty("yanked").ValueKind);
        Assert.Equal(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*", yanked.GetProperty("requires-python").GetString());
        Assert.False(files["katcp-0.6.4-py3-none-any.whl"].TryGetProperty("requires-python", out _));
        var wheel = Path.Combine(_root.Path, "katcp", "katcp-0.9.1-py3-none-any.whl");
        Assert.Equal(Sha256.OfFile(wheel).Hex, yanked.GetProperty("hashes").GetProperty("sha256").GetString());
        Assert.Equal(Sha256.Of(WheelMetadataReader.ReadMetadataBytes(wheel)).Hex, yanked.GetProperty("core-metadata").GetProperty("sha256").GetString());
        Assert.False(yanked.TryGetProperty("dist-info-metadata", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Project_list_is_served_in_both_forms()
    {
        var html = await ServerHttp.TextAsync(_http, _server.SimpleUrl);
        using var json = JsonDocument.Parse(await ServerHttp.TextAsync(_http, _server.SimpleUrl, SimpleMediaTypes.Json));

        Assert.Contains("<a href=\"katcp-codec/\">katcp-codec</a>", html, StringComparison.Ordinal);
        Assert.Equal(["katcp", "katcp-codec", "tornado"], json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("simple/Katcp_Codec/", "/simple/katcp-codec/")]
    [InlineData("simple/katcp.codec", "/simple/katcp-codec/")]
    [InlineData("simple/katcp-codec", "/simple/katcp-codec/")]
    [InlineData("simple", "/simple/")]
    public async Task Non_normalized_project_urls_redirect_permanently(string path, string location)
    {
        using var response = await ServerHttp.GetAsync(_http, new Uri(_server.BaseUrl, path));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("simple/no-such-project/")]
    [InlineData("files/tornado/tornado-9.9-py3-none-any.whl")]
    [InlineData("files/tornado/tornado-6.4-py3-none-any.whl.yanked")]
    [InlineData("files/tornado/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("elsewhere")]
    public async Task Unknown_paths_are_404(string path)
    {
        using var response = await ServerHttp.GetAsync(_http, new Uri(_server.BaseUrl, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Writes_are_405_and_HEAD_has_length_without_body()
    {
        using var post = await ServerHttp.GetAsync(_http, _server.SimpleUrl, method: HttpMethod.Post);
        using var head = await ServerHttp.GetAsync(_http, new Uri(_server.SimpleUrl, "tornado/"), method: HttpMethod.Head);
        var full = await ServerHttp.TextAsync(_http, new Uri(_server.SimpleUrl, "tornado/"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("GET", post.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(full), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Unacceptable_type_is_406()
    {
        using var response = await ServerHttp.GetAsync(_http, _server.SimpleUrl, "application/json");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Files_and_metadata_are_served_byte_for_byte()
    {
        var wheel = Path.Combine(_root.Path, "katcp-codec", "katcp_codec-0.2.1-py3-none-any.whl");
        var fileUrl = new Uri(_server.BaseUrl, "files/katcp-codec/katcp_codec-0.2.1-py3-none-any.whl");

        var served = await _http.GetByteArrayAsync(fileUrl);
        var metadata = await _http.GetByteArrayAsync(new Uri(fileUrl + ".metadata"));

        Assert.Equal(await File.ReadAllBytesAsync(wheel), served);
        Assert.Equal(WheelMetadataReader.ReadMetadataBytes(wheel), metadata);
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_requests_are_all_answered()
    {
        var urls = Enumerable.Range(0, 60).Select(i => (i % 3) switch
        {
            0 => new Uri(_server.SimpleUrl, "tornado/"),
            1 => new Uri(_server.BaseUrl, "files/tornado/tornado-6.1-py3-none-any.whl"),
            _ => new Uri(_server.BaseUrl, "files/tornado/tornado-6.1-py3-none-any.whl.metadata"),
        });
        using var fresh = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });

        var bodies = await Task.WhenAll(urls.Select(u => fresh.GetByteArrayAsync(u)));

        Assert.Equal(60, bodies.Length);
        Assert.Equal(3, bodies.Select(b => Sha256.Of(b).Hex).Distinct().Count());
        Assert.Equal(60, _server.RequestLog.Count(r => r.StatusCode == 200));
    }

    [Fact(Timeout = 60_000)]
    public async Task Content_digest_changes_with_yank_state_and_content_after_refresh()
    {
        var initial = _server.ContentDigest;
        var wheel = Path.Combine(_root.Path, "tornado", "tornado-6.1-py3-none-any.whl");

        _server.Refresh();
        var unchanged = _server.ContentDigest;
        await File.WriteAllTextAsync(wheel + ".yanked", "security issue");
        _server.Refresh();
        var yanked = _server.ContentDigest;
        var html = await ServerHttp.TextAsync(_http, new Uri(_server.SimpleUrl, "tornado/"));

        Assert.Equal(initial, unchanged);
        Assert.NotEqual(initial, yanked);
        Assert.Contains("data-yanked=\"security issue\">tornado-6.1-py3-none-any.whl", html, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", yanked);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopping_releases_the_port_and_a_given_port_is_used()
    {
        var port = _server.Port;
        await _server.DisposeAsync();

        using var refused = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port));
        await using var again = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path) { Port = port });
        Assert.Equal(port, again.Port);
        Assert.Contains("katcp", await ServerHttp.TextAsync(_http, again.SimpleUrl), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_normalized_project_directory_is_rejected_with_the_fix()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("Katcp_Codec"));

        var error = Assert.Throws<PackageIndexLayoutException>(() => PackageIndexServer.Start(new PackageIndexServerOptions(root.Path)));

        Assert.Contains("Katcp_Codec", error.Message, StringComparison.Ordinal);
        Assert.Contains("rename it to 'katcp-codec'", error.Message, StringComparison.Ordinal);
    }
}
