using CamBuild.PackageIndex.Server;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.Python.Locks;

namespace CamBuild.PackageIndex.Tests.Pip;

/// <summary>The pylock.toml written beside requirements.txt records the same pins and hashes, and its URLs install.</summary>
[Trait("Category", "integration")]
[Collection(PipCollection.Name)]
public sealed class PylockInstallTests
{
    [Fact(Timeout = LockInstallTests.TestTimeout)]
    public async Task Pylock_matches_the_requirements_lock_and_its_wheel_urls_install_with_hashes()
    {
        var environment = await TargetInterpreter.MarkerEnvironmentAsync();
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(UniverseIndex.Root));
        using var work = new TempDirectory("cambuild-lock-");
        using var limit = new CancellationTokenSource(LockInstallTests.ResolveLimit);
        string[] roots = ["katdal", "katcp"];
        var pinned = await PinnedLock.CreateAsync(server.SimpleUrl, environment, work.Path, limit.Token, roots);
        var pylockPath = work.Combine("pylock.toml");
        await CamBuild.Python.IO.AtomicFile.WriteAllTextAsync(pylockPath, PylockWriter.Write(pinned.Result), limit.Token);

        var fromRequirements = Describe(RequirementsLockParser.Parse(pinned.LockText, pinned.LockPath));
        var fromPylock = Describe(PylockParser.Parse(await File.ReadAllTextAsync(pylockPath), pylockPath));

        Assert.Equal(pinned.Result.Packages.Count, fromRequirements.Count);
        Assert.All(fromRequirements, line => Assert.Matches("^[a-z0-9-]+==[^ ]+ [0-9a-f]{64}$", line));
        Assert.Equal(fromRequirements, fromPylock);

        using var venv = await FreshVenv.CreateAsync();
        var directUrls = work.Combine("pylock-urls.txt");
        var reading = await PylockReader.ReadAsync(venv, pylockPath, directUrls);
        Assert.True(reading.EnvironmentMatches, "the pylock environments marker is false on the interpreter it was probed from");
        Assert.True(reading.RequiresPythonMatches, "the pylock requires-python excludes the interpreter it was probed from");
        Assert.Equal(fromRequirements, reading.Packages.Order(StringComparer.Ordinal));

        server.ClearRequestLog();
        var install = await venv.PipAsync("install", "--require-hashes", "--no-deps", "--no-index", "-r", directUrls);
        var check = await venv.CheckAsync();

        Assert.True(install.ExitCode == 0, install.Combined);
        Assert.True(check.ExitCode == 0, check.Combined);
        var installed = await venv.InstalledAsync();
        Assert.All(pinned.Result.Packages, p => Assert.Equal(p.Version.ToString(), installed.GetValueOrDefault(p.Name)));
        var fetched = server.RequestLog.Where(r => r.StatusCode == 200 && r.Target.StartsWith("/files/", StringComparison.Ordinal)).ToList();
        Assert.Equal(pinned.Result.Packages.Count, fetched.Count);
        var closure = await RequirementClosureCheck.RunAsync(venv, roots);
        Assert.True(closure.ExitCode == 0, closure.Combined);
    }

    private static List<string> Describe(IEnumerable<LockedPackage> packages) =>
        packages.Select(p => $"{p.Name}=={p.Version} {string.Join(',', p.Sha256Hashes)}").Order(StringComparer.Ordinal).ToList();
}
