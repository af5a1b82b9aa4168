using CamBuild.PackageIndex.Fixtures;
using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;

namespace CamBuild.PackageIndex.Tests.Pip;

/// <summary>Extras that require extras: the lock carries the whole closure, and the installed venv satisfies it.</summary>
[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class LockExtrasTests
{
    /// <summary>
    /// A SARAO-style reporting package beside the universe: its extra "full" requires its own extra "tables", which
    /// requires katdal, which requires katsdptelstate[rdb] and dask[array].
    /// </summary>
    private static readonly FixturePackage Katreport = new("katreport", "pure",
    [
        new FixtureRelease("1.0", ">=3.8",
            ["future", "katreport[tables]; extra == \"full\"", "katdal>=0.22; extra == \"tables\"", "dask[array]; extra == 'full'"],
            ["full", "tables"], null),
    ]);

    [Fact(Timeout = LockInstallTests.TestTimeout)]
    public async Task Extras_that_require_extras_are_locked_installed_and_satisfied()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        using var index = new TempDirectory("cambuild-lock-index-");
        FixtureWheels.WriteIndex(new FixtureUniverse([.. UniverseIndex.Universe.Packages, Katreport]), index.Path,
            new FixtureWheelOptions { Yanks = UniverseIndex.Yanks });
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(index.Path));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(LockInstallTests.ResolveLimit);
        string[] roots = ["katreport[full]", "katsdpservices[argparse]"];

        var pinned = await PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Path, limit.Token, roots);

        var result = pinned.Result;
        Assert.Equal(["full", "tables"], result.Find("katreport")!.Extras);
        Assert.Equal(["katreport"], result.Find("katdal")!.Via);
        Assert.Equal(["katdal", "katreport"], result.Find("dask")!.Via);
        Assert.Equal(["array"], result.Find("dask")!.Extras);
        Assert.Equal(["rdb"], result.Find("katsdptelstate")!.Extras);
        Assert.Equal(["katdal", "katsdpservices"], result.Find("katsdptelstate")!.Via);
        Assert.Equal(["katsdptelstate"], result.Find("python-lzf")!.Via);
        Assert.NotNull(result.Find("rdbtools"));
        Assert.NotNull(result.Find("numpy"));
        Assert.Empty(result.Warnings);
        using var venv = await LockInstall.InstallCleanlyAsync(pinned, roots);

        // pip check ignores the extras named in a requirement (katdal's katsdptelstate[rdb]); the closure check does not.
        var uninstall = await venv.PipAsync("uninstall", "--yes", "python-lzf");
        var check = await venv.CheckAsync();
        var closure = await RequirementClosureCheck.RunAsync(venv, roots);

        Assert.True(uninstall.ExitCode == 0, uninstall.Combined);
        Assert.True(check.ExitCode == 0, check.Combined);
        Assert.NotEqual(0, closure.ExitCode);
        Assert.Contains("katsdptelstate[rdb] requires python-lzf, which is not installed", closure.StandardOutput, StringComparison.Ordinal);
    }
}
