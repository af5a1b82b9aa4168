using CamBuild.PackageIndex.Client;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.Python.Leaves;
using CamBuild.Python.Resolution;

namespace CamBuild.PackageIndex.Tests.Pip;

/// <summary>
/// Each lock the C# resolver writes from the fixture universe (served by the embedded index) installs with
/// <c>pip install --require-hashes --no-deps --no-index</c> into a fresh Debian python3 venv, and <c>pip check</c> passes.
/// </summary>
[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class LockInstallTests
{
    internal const int TestTimeout = 240_000;
    internal static readonly TimeSpan ResolveLimit = TimeSpan.FromSeconds(90);

    /// <summary>The SARAO top-level set of tests/CamBuild.Python.Tests (Support/Sarao.cs).</summary>
    private static readonly string[] SaraoTopLevel =
    [
        "aiokatcp", "katcp", "katcp-codec", "katdal", "katpoint", "katportalclient", "katsdpmodels",
        "katsdpservices", "katsdptelstate", "katversion", "scikits-fitting", "spead2",
    ];

    [Fact(Timeout = TestTimeout)]
    public async Task Sarao_top_level_lock_installs_with_required_hashes_and_passes_pip_check()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(ResolveLimit);
        using var source = new HttpPackageSource(server.SimpleUrl);
        var leaves = await LeafResolver.ResolveAsync(SaraoTopLevel.Select(n => new LeafSpec(n)).ToArray(), source, environment, limit.Token);

        var pinned = await PinnedLock.CreateAsync(server.SimpleUrl, environment, ResolutionRequest.FromLeaves(leaves), work.Path, limit.Token);

        Assert.Equal("4.5.3", pinned.VersionOf("tornado")); // katcp's tornado<5 beats katportalclient's <7
        Assert.Equal("1.26.4", pinned.VersionOf("numpy")); // astropy's numpy<2 forces a backtrack
        Assert.Equal(["rdb"], pinned.Result.Find("katsdptelstate")!.Extras);
        Assert.Equal(["array"], pinned.Result.Find("dask")!.Extras);
        Assert.NotNull(pinned.Result.Find("rdbtools")); // only through katdal's katsdptelstate[rdb]
        Assert.Null(pinned.Result.Find("colorama")); // platform_system == 'Windows'
        Assert.Null(pinned.Result.Find("futures")); // python_version < "3", and Requires-Python <3
        Assert.Empty(pinned.Result.Warnings);
        Assert.Contains($"#    {PinnedLock.RegenerateCommand}\n", pinned.LockText, StringComparison.Ordinal);
        await LockInstall.AssertInstallsCleanlyAsync(pinned, SaraoTopLevel);
    }

    [Theory(Timeout = TestTimeout)]
    // katcp pins tornado>=4.3,<5 and wins over katportalclient's tornado<7; futures is python_version < "3" only.
    [InlineData("katcp katportalclient", "katcp==0.9.3 katportalclient==0.2.2 tornado==4.5.3 ply==3.11 future==1.0.0", "")]
    // tornado 6.4 is yanked on this index, so the newest allowed by <7 is 6.1.
    [InlineData("katportalclient", "katportalclient==0.2.2 tornado==6.1", "")]
    // A yanked release is selected when pinned exactly, with a warning.
    [InlineData("katcp==0.9.1", "katcp==0.9.1 tornado==4.5.3", "katcp")]
    // An explicitly pinned dev release, whose ujson pin applies only on python_version > "3".
    [InlineData("katportalclient==0.2.3.dev0", "katportalclient==0.2.3.dev0 ujson==4.3.0 tornado==6.1", "")]
    // Pre-releases on the index (1.10.0b1, 0.1.0b1, 4.0.0b1, 0.39.0rc1) are skipped; numba 0.60.0 is capped <3.13.
    [InlineData("aiokatcp katcp-codec spead2 numba", "aiokatcp==2.2.0 katcp-codec==0.2.1 spead2==4.4.1 numba==0.60.0 llvmlite==0.43.0", "")]
    public async Task Edge_case_lock_installs_with_required_hashes_and_passes_pip_check(string roots, string expectedPins, string expectedYanked)
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(ResolveLimit);
        var rootList = roots.Split(' ');

        var pinned = await PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Path, limit.Token, rootList);

        foreach (var pin in expectedPins.Split(' ').Select(p => p.Split("==")))
            Assert.True(pinned.VersionOf(pin[0]) == pin[1], $"expected {pin[0]}=={pin[1]} in\n{pinned.LockText}");
        Assert.Null(pinned.Result.Find("futures"));
        var yanked = pinned.Result.Packages.Where(p => p.IsYanked).Select(p => p.Name).ToArray();
        Assert.Equal(expectedYanked.Split(' ', StringSplitOptions.RemoveEmptyEntries), yanked);
        foreach (var name in yanked)
            Assert.Contains(pinned.Result.Warnings, w => w.StartsWith($"{name} ", StringComparison.Ordinal) && w.Contains("yanked", StringComparison.Ordinal));
        await LockInstall.AssertInstallsCleanlyAsync(pinned, rootList);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Tampered_hash_is_refused_by_pip_and_nothing_is_installed()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(ResolveLimit);
        var pinned = await PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Path, limit.Token, "katcp");
        var genuine = pinned.Result.Find("tornado")!.Files.Single().Sha256.ToLowerInvariant();
        var forged = (genuine[0] == '0' ? "1" : "0") + genuine[1..];
        var text = pinned.LockText;
        Assert.Contains("--hash=sha256:" + genuine, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(pinned.LockPath, text.Replace(genuine, forged, StringComparison.Ordinal));
        using var venv = await FreshVenv.CreateAsync();
        var before = await venv.InstalledAsync();

        var install = await venv.InstallLockAsync(pinned.LockPath, pinned.WheelDirectory);

        Assert.NotEqual(0, install.ExitCode);
        Assert.Contains("THESE PACKAGES DO NOT MATCH THE HASHES", install.Combined, StringComparison.Ordinal);
        Assert.Contains("Expected sha256 " + forged, install.Combined, StringComparison.Ordinal);
        Assert.Contains("Got        " + genuine, install.Combined, StringComparison.Ordinal);
        Assert.Equal(before, await venv.InstalledAsync());
    }
}
