using CamBuild.Common;
using CamBuild.Images.Os;

namespace CamBuild.Images.Tests;

/// <summary>
/// PrepareBase where the OS lock is new: one online mmdebstrap pass resolves, downloads and builds the base; the offline
/// rebuild from the lock written from what it installed (the path of VerifyReproducible and every later bake) gives the
/// same base.
/// </summary>
[Trait("Category", "integration")]
public sealed class OnePassBaseTests : IDisposable
{
    private readonly TempDirectory _temp = new("cambuild-one-pass-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_new_lock_and_its_base_come_from_one_mmdebstrap_run_and_the_offline_rebuild_gives_the_same_base()
    {
        var progress = new List<string>();
        void Log(string line)
        {
            lock (progress) progress.Add(line);
            TestCache.Log(line);
        }
        var cache = _temp.Combine("cache");
        var debs = new DebStore(_temp.Combine("cache", "debs"));
        var request = new OsLockRequest("bookworm", "amd64", ["python3-minimal"]);

        var (osLock, built) = await BaseImage.CreateWithLockAsync(request, cache, debs, Log);

        Assert.Single(progress, l => l.Contains("mmdebstrap (online, one pass)", StringComparison.Ordinal));
        Assert.DoesNotContain(progress, l => l.Contains("(offline)", StringComparison.Ordinal));
        Assert.False(built.CacheHit);
        // The lock names exactly what the run installed, each package with a verified .deb in the store.
        var installed = OsLockBuilder.InstalledPackages(Deb822.ReadFile(Path.Combine(built.RootDir, "var/lib/dpkg/status")));
        Assert.Equal(installed.Select(p => $"{p.Package} {p.Version} {p.Architecture}").Order(StringComparer.Ordinal),
            osLock.Packages.Select(p => $"{p.Package} {p.Version} {p.Architecture}").Order(StringComparer.Ordinal));
        Assert.All(osLock.Packages, p => Assert.Equal(p.Sha256, Sha256.OfFile(debs.PathOf(p.Sha256)).Hex));
        Assert.Contains(osLock.Packages, p => p.Package == "python3-minimal");

        // The next bake finds the base in the cache: no second mmdebstrap.
        var again = await BaseImage.EnsureAsync(osLock, cache, Log);
        Assert.True(again.CacheHit);
        Assert.Equal(built.Key, again.Key);

        // The offline rebuild from the lock, in an empty cache: the same base, byte for byte.
        progress.Clear();
        var rebuilt = await BaseImage.EnsureAsync(osLock, _temp.Combine("rebuild"), Log, debStoreDir: debs.Root);
        Assert.False(rebuilt.CacheHit);
        Assert.Single(progress, l => l.Contains("(offline)", StringComparison.Ordinal));
        Assert.Equal(built.Key, rebuilt.Key);
        Assert.Equal(Sha256.OfFile(built.TarPath).Hex, Sha256.OfFile(rebuilt.TarPath).Hex);
    }
}
