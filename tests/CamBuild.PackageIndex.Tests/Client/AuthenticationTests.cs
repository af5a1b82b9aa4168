using System.Net;
using CamBuild.PackageIndex.Client;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;

namespace CamBuild.PackageIndex.Tests.Client;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string Password = "Sup3r-secret:pw@x";
    private readonly TempDirectory _root = new();
    private PackageIndexServer _server = null!;

    public Task InitializeAsync()
    {
        UniverseIndex.WriteSubset(_root.Path, "tornado");
        _server = PackageIndexServer.Start(new PackageIndexServerOptions(_root.Path) { RequiredCredential = new NetworkCredential("builder", Password) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Credentials_in_the_url_are_used_and_never_displayed()
    {
        var url = new UriBuilder(_server.SimpleUrl) { UserName = "builder", Password = Uri.EscapeDataString(Password) }.Uri;
        using var source = new HttpPackageSource(url);
        using var target = new TempDirectory();

        var files = await source.GetFilesAsync("tornado", CancellationToken.None);
        await source.DownloadAsync(files[0], target.Combine("t.whl"), CancellationToken.None);
        await source.GetCoreMetadataAsync(files[0], CancellationToken.None);

        Assert.Equal(_server.SimpleUrl, source.DisplayUrl);
        Assert.Equal(4, files.Count);
        Assert.All(files, f => Assert.Empty(f.Url.UserInfo));
        Assert.All(_server.RequestLog, r => Assert.Equal((200, "builder"), (r.StatusCode, r.User)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Explicit_credentials_work()
    {
        using var source = new HttpPackageSource(_server.SimpleUrl, "builder", Password);

        Assert.Equal(4, (await source.GetFilesAsync("tornado", CancellationToken.None)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Missing_or_wrong_credentials_fail_clearly_without_the_password()
    {
        using var anonymous = new HttpPackageSource(_server.SimpleUrl);
        using var wrong = new HttpPackageSource(new UriBuilder(_server.SimpleUrl) { UserName = "builder", Password = "wrong-" + Password.Length }.Uri);

        var missing = await Assert.ThrowsAsync<PackageIndexAuthenticationException>(() => anonymous.GetFilesAsync("tornado", CancellationToken.None));
        var rejected = await Assert.ThrowsAsync<PackageIndexAuthenticationException>(() => wrong.GetFilesAsync("tornado", CancellationToken.None));

        Assert.Equal(401, missing.StatusCode);
        Assert.Contains("requires authentication", missing.Message, StringComparison.Ordinal);
        Assert.Contains("credentials were rejected", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-", rejected.Message + rejected, StringComparison.Ordinal);
        Assert.DoesNotContain("builder", wrong.DisplayUrl.ToString(), StringComparison.Ordinal);
    }
}
