using CamBuild.Python.Leaves;
using CamBuild.Python.Markers;
using CamBuild.Python.Tests.Support;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests;

public sealed class LeafResolverTests
{
    private static Task<LeafSet> Resolve(UniverseSource source, MarkerEnvironment environment, params LeafSpec[] leaves) =>
        LeafResolver.ResolveAsync(leaves, source, environment, CancellationToken.None);

    [Fact]
    public async Task PicksLatestFinalBuildAndItsWheel()
    {
        var set = await Resolve(new UniverseSource(), Sarao.Debian, new LeafSpec("aiokatcp"), new LeafSpec("KatPortalClient"), new LeafSpec("tornado"));
        Assert.Equal(["aiokatcp 2.2.0", "katportalclient 0.2.2", "tornado 6.4"], set.Leaves.Select(l => $"{l.Name} {l.Version}"));
        var tornado = set.Leaves.Single(l => l.Name == "tornado");
        Assert.Equal("tornado-6.4-cp38-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", tornado.File);
        Assert.Equal(UniverseSource.Sha256Of(tornado.File), tornado.Sha256);
        Assert.Equal("http://127.0.0.1:8765/simple/", tornado.Index.AbsoluteUri);
    }

    [Fact]
    public async Task PreAndDevBuildsAreOptIn()
    {
        var source = new UniverseSource(new UniverseOptions { ExtraReleases = { new ExtraRelease("aiokatcp", "2.3.0rc1", ">=3.8", [], []) } });
        var set = await Resolve(source, Sarao.Debian,
            new LeafSpec("aiokatcp", allowPrereleases: true), new LeafSpec("katportalclient", allowDevReleases: true), new LeafSpec("katcp-codec"));
        Assert.Equal(["aiokatcp 2.3.0rc1", "katcp-codec 0.2.1", "katportalclient 0.2.3.dev0"], set.Leaves.Select(l => $"{l.Name} {l.Version}"));
        var limited = await Resolve(source, Sarao.Debian, new LeafSpec("aiokatcp", allowPrereleases: true, specifier: SpecifierSet.Parse("<=1.10.0b1")));
        Assert.Equal("1.10.0b1", limited.Leaves[0].Version.ToString());
        var below = await Resolve(source, Sarao.Debian, new LeafSpec("aiokatcp", allowPrereleases: true, specifier: SpecifierSet.Parse("<1.10")));
        Assert.Equal("1.9.0", below.Leaves[0].Version.ToString()); // <V excludes pre-releases of V itself
    }

    [Fact]
    public async Task RequiresPythonOfTheTargetIsHonoured()
    {
        var set = await Resolve(new UniverseSource(), MarkerEnvironment.ForCPythonOnLinux("3.9.18"), new LeafSpec("numba"), new LeafSpec("numpy"));
        Assert.Equal(["numba 0.60.0", "numpy 2.0.2"], set.Leaves.Select(l => $"{l.Name} {l.Version}"));
        var old = await Resolve(new UniverseSource(), MarkerEnvironment.ForCPythonOnLinux("3.8.18"), new LeafSpec("numba"));
        Assert.Equal("0.58.1", old.Leaves[0].Version.ToString());
    }

    [Fact]
    public async Task YankedBuildsAreSkipped()
    {
        var source = new UniverseSource(new UniverseOptions { Yanked = { ["katdal==0.23"] = "broken tables" } });
        var set = await Resolve(source, Sarao.Debian, new LeafSpec("katdal"));
        Assert.Equal("0.22", set.Leaves[0].Version.ToString());
    }

    [Fact]
    public async Task FailuresNameTheLeafAndTheIndex()
    {
        var yanked = new UniverseSource(new UniverseOptions { Yanked = { ["ply==3.11"] = "bad build" } });
        var error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(yanked, Sarao.Debian, new LeafSpec("ply")));
        Assert.Contains("Leaf 'ply' has only yanked versions on http://127.0.0.1:8765/simple/ (3.11: bad build)", error.Message, StringComparison.Ordinal);

        error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(new UniverseSource(), Sarao.Debian, new LeafSpec("katmissing")));
        Assert.Contains("Leaf 'katmissing' is not on the index http://127.0.0.1:8765/simple/", error.Message, StringComparison.Ordinal);

        var sdist = new UniverseSource(new UniverseOptions { SdistOnly = { "katversion" } });
        error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(sdist, Sarao.Debian, new LeafSpec("katversion")));
        Assert.Contains("Leaf 'katversion' 1.1 on http://127.0.0.1:8765/simple/ is sdist only (katversion-1.1.tar.gz): it cannot be built offline", error.Message, StringComparison.Ordinal);

        error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(new UniverseSource(), MarkerEnvironment.ForCPythonOnLinux("3.6.15"), new LeafSpec("aiokatcp", specifier: SpecifierSet.Parse(">=1.9"))));
        Assert.Contains("Leaf 'aiokatcp' has no build on http://127.0.0.1:8765/simple/ installable on CPython 3.6.15", error.Message, StringComparison.Ordinal);
        Assert.Contains("2.2.0: requires Python >=3.8, target is 3.6.15", error.Message, StringComparison.Ordinal);

        error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(new UniverseSource(), Sarao.Debian, new LeafSpec("spead2", specifier: SpecifierSet.Parse(">5"))));
        Assert.Contains("no version on http://127.0.0.1:8765/simple/ that its policy admits (>5, no pre-releases, no dev builds); available: 4.4.1, 4.0.0, 4.0.0b1, 3.11.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformWheelsForAnotherMachineAreNotInstallable()
    {
        var arm = await Resolve(new UniverseSource(), MarkerEnvironment.ForCPythonOnLinux("3.11.2", "aarch64"), new LeafSpec("numpy"));
        Assert.Contains("aarch64", arm.Leaves[0].File, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(new UniverseSource(), MarkerEnvironment.ForCPythonOnLinux("3.11.2", "riscv64"), new LeafSpec("numpy")));
        Assert.Contains("no wheel for CPython 3.11.2 linux riscv64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavesJsonIsSortedStableAndRoundTrips()
    {
        var set = await Sarao.LeavesAsync(new UniverseSource(), Sarao.Debian);
        var json = set.ToJson();
        Assert.Equal(json, (await Sarao.LeavesAsync(new UniverseSource(), Sarao.Debian)).ToJson());
        Assert.Equal(Sarao.TopLevel, set.Leaves.Select(l => l.Name));
        var reread = LeafSet.Parse(json, "leaves.json");
        Assert.Equal(json, reread.ToJson());
        Snapshot.Match("leaves.json", json);
        var error = Assert.Throws<PythonPackagingException>(() => LeafSet.Parse("{\"leaves\": [{\"name\": \"x\"}]}", "artifacts/leaves.json"));
        Assert.Contains("artifacts/leaves.json: not a valid leaves.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateLeavesAreRejected()
    {
        var error = await Assert.ThrowsAsync<LeafResolutionException>(() => Resolve(new UniverseSource(), Sarao.Debian, new LeafSpec("katcp"), new LeafSpec("KATCP")));
        Assert.Contains("'katcp' is listed 2 times", error.Message, StringComparison.Ordinal);
    }
}
