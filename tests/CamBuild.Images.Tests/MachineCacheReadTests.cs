using CamBuild.Common;
using CamBuild.Images.Baking;
using CamBuild.Images.Os;

namespace CamBuild.Images.Tests;

/// <summary>Entries of the machine cache are verified when they are read: a damaged one is built or stored again, never used.</summary>
[Trait("Category", "unit")]
public sealed class MachineCacheReadTests : IDisposable
{
    private readonly TempDirectory _temp = new("cambuild-cache-read-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_stage_whose_files_changed_after_it_was_cached_is_built_again()
    {
        var cache = new StageCache(_temp.Combine("images"));
        var builds = 0;
        Task<int> Build(string dir)
        {
            builds++;
            File.WriteAllText(Path.Combine(dir, "layer.bin"), "layer contents");
            return Task.FromResult(builds);
        }
        var key = new string('c', 64);
        var progress = new List<string>();

        var first = await cache.EnsureAsync("python", key, Build, progress.Add);
        await cache.EnsureAsync("python", key, Build, progress.Add);
        Assert.Equal(1, builds);

        File.WriteAllText(Path.Combine(first, "layer.bin"), "layer");
        var again = await cache.EnsureAsync("python", key, Build, progress.Add);

        Assert.Equal(2, builds);
        Assert.Equal("layer contents", File.ReadAllText(Path.Combine(again, "layer.bin")));
        Assert.Contains(progress, line => line.Contains("is damaged", StringComparison.Ordinal));
        Assert.Equal([false, true, false], cache.Outcomes.Select(o => o.CacheHit));
    }

    /// <summary>A store holding one deb ("a deb's bytes"), added from <c>pkg.deb</c>.</summary>
    private async Task<(DebStore Store, string Deb, string Sha256)> StoredDebAsync()
    {
        var store = new DebStore(_temp.Combine("debs"));
        var deb = _temp.Write("pkg.deb", "a deb's bytes");
        var sha256 = Sha256.OfFile(deb).Hex;
        await store.AddAsync(deb, sha256);
        return (store, deb, sha256);
    }

    [Fact]
    public async Task A_stored_deb_whose_content_changed_is_replaced_by_the_verified_file()
    {
        var (store, deb, sha256) = await StoredDebAsync();
        File.WriteAllText(store.PathOf(sha256), "a deb's bytes, damaged");

        await store.AddAsync(deb, sha256);

        Assert.Equal("a deb's bytes", File.ReadAllText(store.PathOf(sha256)));
    }

    private static OsLock LockOf(string sha256) => new(OsLock.FormatId, "bookworm", "amd64", "minbase", [], 0, [],
        [new OsLockPackage("pkg", "1.0", "amd64", sha256, 13, "pool/main/p/pkg_1.0_amd64.deb", "http://127.0.0.1:9/debian", "")]);

    [Fact]
    public async Task A_stored_deb_is_hashed_once_and_then_trusted_while_its_size_mtime_and_inode_stay()
    {
        var (_, _, sha256) = await StoredDebAsync();
        var osLock = LockOf(sha256);

        var first = new DebStore(_temp.Combine("debs"));
        await first.EnsureAsync(osLock);
        var second = new DebStore(_temp.Combine("debs"));
        await second.EnsureAsync(osLock);
        await second.EnsureAsync(osLock);

        Assert.Equal(0, first.FilesHashed); // stored by AddAsync, which verified it
        Assert.Equal(0, second.FilesHashed);
        Assert.InRange(File.GetLastWriteTimeUtc(first.PathOf(sha256)), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_stored_deb_rewritten_with_the_same_size_is_hashed_again_and_replaced()
    {
        var (store, deb, sha256) = await StoredDebAsync();
        await Task.Delay(20);
        File.WriteAllText(store.PathOf(sha256), "a deb's BYTES");

        await store.AddAsync(deb, sha256);

        Assert.Equal(1, store.FilesHashed);
        Assert.Equal("a deb's bytes", File.ReadAllText(store.PathOf(sha256)));
    }
}
