using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;

namespace CamBuild.PackageIndex.Tests.Pip;

/// <summary>Real pip (Debian python3 venv) resolving from the embedded server in both representations.</summary>
[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class PipResolutionTests(PipEnvironment pip)
{
    private static readonly Dictionary<string, string> ExpectedClosure = new()
    {
        ["katcp"] = "0.9.3", ["ply"] = "3.11", ["future"] = "1.0.0", ["tornado"] = "4.5.3",
        ["requests"] = "2.32.3", ["charset-normalizer"] = "3.3.2", ["idna"] = "3.7", ["urllib3"] = "2.2.2", ["certifi"] = "2024.2.2",
    };

    [Theory(Timeout = 300_000)]
    [InlineData(IndexFormats.Negotiate, SimpleMediaTypes.Json)]
    [InlineData(IndexFormats.HtmlOnly, "text/html; charset=utf-8")]
    public async Task Pip_resolves_the_same_closure_with_the_served_hashes(IndexFormats formats, string servedContentType)
    {
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root) { Formats = formats });

        var (result, installs) = await pip.DryRunAsync(server.SimpleUrl, "katcp", "requests");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal(ExpectedClosure.OrderBy(p => p.Key), installs.Select(p => KeyValuePair.Create(p.Key, p.Value.Version)).OrderBy(p => p.Key));
        foreach (var (project, (_, sha256)) in installs)
            Assert.Contains(server.Snapshot.FilesOf(project), f => f.Sha256 == sha256);
        var pages = server.RequestLog.Where(r => r.Target.StartsWith("/simple/", StringComparison.Ordinal) && r.StatusCode == 200).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, r => Assert.Equal(servedContentType, r.ContentType));
        Assert.All(pages, r => Assert.Contains(SimpleMediaTypes.Json, r.Accept ?? "", StringComparison.Ordinal));
    }

    [Fact(Timeout = 300_000)]
    public async Task Pip_fetches_PEP_658_metadata_files_before_wheels()
    {
        // Debian 12's venv pip (23.0.1) reads only the legacy attribute name, so this test turns it on.
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root)
        {
            Formats = IndexFormats.HtmlOnly,
            EmitLegacyDistInfoMetadata = true,
        });

        var (result, installs) = await pip.DryRunAsync(server.SimpleUrl, "katcp");

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal("0.9.3", installs["katcp"].Version);
        Assert.Equal("4.5.3", installs["tornado"].Version);
        var targets = server.RequestLog.Select(r => r.Target).ToList();
        foreach (var wheelPath in (string[])["/files/katcp/katcp-0.9.3-py3-none-any.whl", "/files/tornado/tornado-4.5.3-py3-none-any.whl"])
        {
            var metadata = targets.IndexOf(wheelPath + ".metadata");
            Assert.True(metadata >= 0, $"pip did not fetch {wheelPath}.metadata:\n" + string.Join('\n', targets));
            var wheel = targets.IndexOf(wheelPath);
            Assert.True(wheel < 0 || wheel > metadata, $"{wheelPath} was fetched before its metadata");
        }
    }

    /// <summary>Why <see cref="PackageIndexServerOptions.EmitLegacyDistInfoMetadata"/> is off by default.</summary>
    [Fact(Timeout = 300_000)]
    public async Task Legacy_metadata_attribute_makes_pip_23_0_misresolve_differently_spelled_names()
    {
        var version = await pip.PipAsync("--version");
        Assert.True(version.ExitCode == 0, version.Combined);
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root)
        {
            Formats = IndexFormats.HtmlOnly,
            EmitLegacyDistInfoMetadata = true,
        });

        var (result, installs) = await pip.DryRunAsync(server.SimpleUrl, "requests");

        Assert.True(result.ExitCode == 0, result.Combined);
        if (version.StandardOutput.StartsWith("pip 23.0", StringComparison.Ordinal))
        {
            // requests 2.32.3 needs "charset_normalizer"; pip 23.0 compares that spelling with METADATA's "charset-normalizer".
            Assert.Contains("inconsistent Name", result.Combined, StringComparison.Ordinal);
            Assert.NotEqual("2.32.3", installs["requests"].Version);
        }
        else
        {
            Assert.Equal("2.32.3", installs["requests"].Version);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Pip_downloads_the_exact_fixture_file()
    {
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root) { Formats = IndexFormats.HtmlOnly });
        var destination = Path.Combine(pip.WorkDirectory, "download-" + Guid.NewGuid().ToString("N"));

        var result = await pip.PipAsync("download", "--no-deps", "--dest", destination, "--index-url", server.SimpleUrl.ToString(), "tornado==6.1");

        Assert.True(result.ExitCode == 0, result.Combined);
        var downloaded = Assert.Single(Directory.GetFiles(destination));
        var expected = UniverseIndex.Wheels.Single(w => w.Project == "tornado" && w.Version == "6.1");
        Assert.Equal(Path.GetFileName(expected.Path), Path.GetFileName(downloaded));
        Assert.Equal(expected.Sha256, Sha256Hex.OfFile(downloaded));
    }
}
