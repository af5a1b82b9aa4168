using CamBuild.Images.Os;

namespace CamBuild.Images.Tests;

[Trait("Category", "integration")]
public class OsLockTests
{
    [Fact]
    public async Task LockPinsEveryPackageWithHashAndStanzaAndLockTime()
    {
        var l = await TestCache.LockAsync();
        Assert.Equal(OsLock.FormatId, l.Format);
        Assert.True(l.Packages.Count > 100, $"only {l.Packages.Count} packages");
        foreach (var name in TestCache.CandidatePackages.Append("python3.11").Append("libc6"))
            Assert.Contains(l.Packages, p => p.Package == name);
        Assert.All(l.Packages, p =>
        {
            Assert.Matches("^[0-9a-f]{64}$", p.Sha256);
            Assert.Contains($"SHA256: {p.Sha256}", p.Stanza, StringComparison.Ordinal);
            Assert.StartsWith("pool/", p.Filename, StringComparison.Ordinal);
            Assert.True(File.Exists(TestCache.Debs.PathOf(p.Sha256)));
        });
        Assert.Equal(l.Packages.Select(p => p.Package + ":" + p.Architecture).Order(StringComparer.Ordinal), l.Packages.Select(p => p.Package + ":" + p.Architecture));
        var newest = l.Sources.Max(s => DateTimeOffset.Parse(s.ReleaseDate, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(newest.ToUnixTimeSeconds(), l.SourceDateEpoch);
        Assert.StartsWith("3.11.", l.Packages.Single(p => p.Package == "python3.11").Version, StringComparison.Ordinal);
        Assert.Equal(l.ContentSha256(), OsLock.Load(TestCache.LockPath).ContentSha256());
    }

    [Fact]
    public void ReleaseDateParsesDebianFormat()
    {
        var d = OsLockBuilder.ParseReleaseDate("Sat, 10 May 2025 09:20:43 UTC");
        Assert.Equal(new DateTimeOffset(2025, 5, 10, 9, 20, 43, TimeSpan.Zero), d);
    }

    [Fact]
    public void HostSourcesParseBothFormats()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(dir, "sources.list.d"));
        File.WriteAllText(Path.Combine(dir, "sources.list"), "deb [arch=amd64] http://m.example/debian bookworm main contrib\n");
        File.WriteAllText(Path.Combine(dir, "sources.list.d", "d.sources"),
            "Types: deb\nURIs: http://s.example/debian-security\nSuites: bookworm-security\nComponents: main\n\n" +
            "Types: deb\nURIs: http://other.example/x\nSuites: nodistro\nComponents: main\n");
        var s = HostAptSources.ForSuite("bookworm", dir);
        Assert.Equal(["http://m.example/debian bookworm", "http://s.example/debian-security bookworm-security"],
            s.Select(x => $"{x.Uri} {x.Suite}"));
        Assert.Throws<ImageBuildException>(() => HostAptSources.ForSuite("trixie", dir));
    }

    [Fact]
    public async Task PinnedVersionMissingFromMirrorStopsWithClearMessage()
    {
        var real = await TestCache.LockAsync();
        var p = real.Packages.First(x => x.Package == "zlib1g");
        var gone = p with { Version = "1:9.9.9-0cambuild1", Filename = "pool/main/z/zlib/zlib1g_9.9.9-0cambuild1_amd64.deb", Sha256 = new string('a', 64) };
        var l = real with { Packages = [gone] };
        var store = new DebStore(Directory.CreateTempSubdirectory("cambuild-debs-").FullName);
        var e = await Assert.ThrowsAsync<PinnedPackageUnavailableException>(() => store.EnsureAsync(l));
        Assert.Contains("zlib1g 1:9.9.9-0cambuild1", e.Message, StringComparison.Ordinal);
        Assert.Contains("no longer served", e.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot.debian.org", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(store.Root));
    }

    [Fact]
    public async Task BaseRunsTheCandidatesOwnPythonForMarkerProbes()
    {
        var b = await TestCache.BaseAsync();
        Assert.True(File.Exists(b.TarPath));
        var again = await BaseImage.EnsureAsync(await TestCache.LockAsync(), TestCache.Root);
        Assert.True(again.CacheHit);
        Assert.Equal(b.Key, again.Key);
        var output = await BaseChroot.RunPythonAsync(b,
            "import platform, sys, os\nprint(platform.python_version(), sys.platform, platform.machine(), os.environ.get('PIP_FIND_LINKS'))\n");
        Assert.Equal("3.11.2 linux x86_64 None", output.Trim());
        Assert.Contains("VERSION_ID=\"12\"", File.ReadAllText(Path.Combine(b.RootDir, "etc/os-release")), StringComparison.Ordinal);
        Assert.Matches(@"^12\.\d+", File.ReadAllText(Path.Combine(b.RootDir, "etc/debian_version")));
        Assert.Empty(Directory.GetFiles(Path.Combine(b.RootDir, "etc/ssh"), "ssh_host_*"));
    }
}
