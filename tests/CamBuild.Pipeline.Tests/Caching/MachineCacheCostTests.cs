using CamBuild.Common.Caching;
using CamBuild.Pipeline.Caching;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Tests.Caching;

/// <summary>
/// What a step that uses the machine cache costs when the cache answers: the size check does not walk the trees of
/// sealed entries, and a damaged entry found under the shared use lock is set aside, removed only under the exclusive one.
/// </summary>
[Trait("Category", "unit")]
public sealed class MachineCacheCostTests : IDisposable
{
    private readonly TempDirectory _temp = new("cambuild-cache-cost-");

    public void Dispose() => _temp.Dispose();

    private MachineCache Cache => new(_temp.Combine("cache"));

    private string SealedBase(string key, int bytes)
    {
        var entry = _temp.Combine("cache", "images", "base", key);
        Directory.CreateDirectory(Path.Combine(entry, "root", "usr"));
        File.WriteAllBytes(Path.Combine(entry, "root", "usr", "lib.so"), new byte[bytes]);
        File.WriteAllText(Path.Combine(entry, "complete"), key);
        MachineCache.SealDirectory(entry);
        return entry;
    }

    [Fact]
    public void The_inventory_takes_a_sealed_entrys_size_from_its_seal_instead_of_walking_its_tree()
    {
        var entry = SealedBase(new string('a', 64), 1000);
        var sealedSize = MachineCache.SizeOf(entry);
        // Grown after sealing (only a walk would see it): the inventory reports the size recorded when it was sealed.
        File.WriteAllBytes(Path.Combine(entry, "root", "usr", "grown.bin"), new byte[50_000]);

        var inventory = MachineCacheCollector.Inventory(Cache).Entries;

        Assert.Equal(sealedSize, Assert.Single(inventory).Bytes);
        Assert.Equal(sealedSize, MachineCache.RecordedSize(entry));
    }

    [Fact]
    public void An_entry_sealed_without_a_size_is_still_measured_by_walking_it()
    {
        var entry = SealedBase(new string('b', 64), 1000);
        var listing = Path.Combine(entry, MachineCache.ListingFile);
        File.WriteAllText(listing, File.ReadAllText(listing).Split(' ')[0] + "\n");

        Assert.Null(MachineCache.RecordedSize(entry));
        Assert.Null(MachineCache.VerifyDirectory(entry));
        Assert.Equal(MachineCache.SizeOf(entry), Assert.Single(MachineCacheCollector.Inventory(Cache).Entries).Bytes);
    }

    [Fact]
    public async Task A_damaged_entry_found_under_the_shared_lock_is_set_aside_and_removed_only_under_the_exclusive_lock()
    {
        var cache = Cache;
        var entry = SealedBase(new string('c', 64), 1000);
        File.WriteAllBytes(Path.Combine(entry, "root", "usr", "lib.so"), new byte[10]);
        var other = await cache.UseAsync(CancellationToken.None); // another build uses the cache (and may read the entry)
        string[] aside;
        using (await cache.UseAsync(CancellationToken.None))
        {
            Assert.False(MachineCache.UseSealedDirectory(entry, "base", null));

            Assert.False(Directory.Exists(entry)); // free to be built again at once
            aside = Directory.GetDirectories(Path.GetDirectoryName(entry)!, MachineCache.SetAsidePrefix + "*");
            Assert.True(File.Exists(Path.Combine(Assert.Single(aside), "root", "usr", "lib.so"))); // not deleted under the shared lock
        }

        await MachineCacheCollector.RemoveSetAsideAsync(cache, new QuietLog(), CancellationToken.None);
        Assert.True(Directory.Exists(aside[0])); // the other build still holds the shared lock

        other.Dispose();
        await MachineCacheCollector.RemoveSetAsideAsync(cache, new QuietLog(), CancellationToken.None);
        Assert.False(Directory.Exists(aside[0]));
    }

    private sealed class QuietLog : IBuildLog
    {
        public void Section(string target, string? note) { }
        public void Debug(string message) { }
        public void Info(string message) { }
        public void Warn(string message) { }
        public void Error(string message) { }
        public void Progress(int done, int total, string message) { }
    }
}
