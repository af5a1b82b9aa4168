using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.Python;
using CamBuild.Python.Markers;

namespace CamBuild.PackageIndex.Tests.Pip;

/// <summary>
/// Why Pin probes the interpreter that will install: a lock resolved for another Python is caught by pip, either at
/// install time (Requires-Python caps) or by <c>pip check</c> (markers).
/// </summary>
[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class LockTargetInterpreterTests
{
    [Fact(Timeout = LockInstallTests.TestTimeout)]
    public async Task Lock_for_another_micro_version_misses_a_marker_dependency_and_pip_check_reports_it()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        // redis 5.0.1 requires 'async-timeout>=4.0.2; python_full_version<="3.11.2"'.
        Assert.True(environment.PythonFullVersion == "3.11.2", $"this test expects Debian 12's python3 3.11.2, found {environment.PythonFullVersion}");
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(LockInstallTests.ResolveLimit);

        var probed = await PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Combine("probed"), limit.Token, "katsdptelstate");
        var other = await PinnedLock.CreateAsync(
            server.SimpleUrl, MarkerEnvironment.ForCPythonOnLinux("3.11.7"), work.Combine("other"), limit.Token, "katsdptelstate");

        Assert.Equal("5.0.1", probed.VersionOf("redis"));
        Assert.Equal(["redis"], probed.Result.Find("async-timeout")!.Via);
        Assert.Null(other.Result.Find("async-timeout"));
        Assert.Equal(probed.Result.Packages.Count - 1, other.Result.Packages.Count);
        await LockInstall.AssertInstallsCleanlyAsync(probed, "katsdptelstate");

        using var venv = await FreshVenv.CreateAsync();
        var install = await venv.InstallLockAsync(other.LockPath, other.WheelDirectory);
        var check = await venv.CheckAsync();
        var closure = await RequirementClosureCheck.RunAsync(venv, "katsdptelstate");

        Assert.True(install.ExitCode == 0, install.Combined);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("redis 5.0.1 requires async-timeout, which is not installed.", check.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, closure.ExitCode);
        Assert.Contains("redis requires async-timeout>=4.0.2", closure.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = LockInstallTests.TestTimeout)]
    public async Task Lock_for_an_older_python_is_refused_by_pip_because_of_requires_python_caps()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(LockInstallTests.ResolveLimit);

        // numba 0.56.4 declares Requires-Python >=3.7,<3.11 and needs numpy<1.24, i.e. 1.21.6 (also capped <3.11).
        var older = await PinnedLock.CreateAsync(
            server.SimpleUrl, MarkerEnvironment.ForCPythonOnLinux("3.10.12"), work.Combine("py310"), limit.Token, "numba==0.56.4");
        var refused = await Assert.ThrowsAsync<DependencyConflictException>(
            () => PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Combine("probed"), limit.Token, "numba==0.56.4"));

        Assert.Equal("1.21.6", older.VersionOf("numpy"));
        Assert.Equal("0.39.1", older.VersionOf("llvmlite"));
        Assert.Contains("requires Python >=3.7,<3.11, target is 3.11.2", refused.Message, StringComparison.Ordinal);
        using var venv = await FreshVenv.CreateAsync();
        var before = await venv.InstalledAsync();
        var install = await venv.InstallLockAsync(older.LockPath, older.WheelDirectory);

        Assert.NotEqual(0, install.ExitCode);
        Assert.Matches(@"Package '(numba|numpy)' requires a different Python: 3\.11\.2 not in '(<3\.11,>=3\.7|>=3\.7,<3\.11)'", install.Combined);
        Assert.Equal(before, await venv.InstalledAsync());
    }
}
