using System.Net;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;

namespace CamBuild.PackageIndex.Tests.Pip;

[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class PipYankAndAuthTests(PipEnvironment pip)
{
    [Theory(Timeout = 300_000)]
    [InlineData(IndexFormats.Negotiate)]
    [InlineData(IndexFormats.HtmlOnly)]
    public async Task Pip_skips_a_yanked_release_unless_it_is_pinned(IndexFormats formats)
    {
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root) { Formats = formats });

        var (unpinned, unpinnedInstalls) = await pip.DryRunAsync(server.SimpleUrl, "tornado");
        var (pinned, pinnedInstalls) = await pip.DryRunAsync(server.SimpleUrl, "tornado==6.4");
        var (ranged, _) = await pip.DryRunAsync(server.SimpleUrl, "tornado>6.1");

        Assert.True(unpinned.ExitCode == 0, unpinned.Combined);
        Assert.Equal("6.1", unpinnedInstalls["tornado"].Version);
        Assert.True(pinned.ExitCode == 0, pinned.Combined);
        Assert.Equal("6.4", pinnedInstalls["tornado"].Version);
        Assert.Contains(UniverseIndex.YankedWithReason, pinned.Combined, StringComparison.Ordinal);
        Assert.NotEqual(0, ranged.ExitCode);
        Assert.Contains("tornado>6.1", ranged.Combined, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task Pip_needs_and_uses_basic_auth_when_the_server_requires_it()
    {
        var credential = new NetworkCredential("cam-reader", "pa55-w0rd!");
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root) { RequiredCredential = credential });
        var withCredentials = new UriBuilder(server.SimpleUrl) { UserName = credential.UserName, Password = Uri.EscapeDataString(credential.Password) }.Uri;

        var (anonymous, _) = await pip.DryRunAsync(server.SimpleUrl, "ply");
        var anonymousLog = server.RequestLog;
        server.ClearRequestLog();
        var (authenticated, installs) = await pip.DryRunAsync(withCredentials, "ply");

        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains(anonymousLog, r => r.StatusCode == 401);
        Assert.DoesNotContain(anonymousLog, r => r.StatusCode == 200);
        Assert.True(authenticated.ExitCode == 0, authenticated.Combined);
        Assert.Equal("3.11", installs["ply"].Version);
        Assert.Contains(server.RequestLog, r => r.StatusCode == 200 && r.User == credential.UserName);
    }
}
