using CamBuild.Common.Caching;

namespace CamBuild.Common.Tests.Caching;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MachineCacheTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cambuild-machine-cache-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Entry()
    {
        var entry = Path.Combine(_directory.FullName, "stages", "python", new string('a', 64));
        Directory.CreateDirectory(Path.Combine(entry, "layer", "usr", "lib"));
        File.WriteAllText(Path.Combine(entry, "layer", "usr", "lib", "module.py"), "print('x')\n");
        File.CreateSymbolicLink(Path.Combine(entry, "layer", "usr", "python"), "lib/module.py");
        File.WriteAllText(Path.Combine(entry, "complete"), "key");
        MachineCache.SealDirectory(entry);
        return entry;
    }

    [Fact]
    public void A_sealed_entry_verifies_until_a_file_is_truncated_added_removed_or_re_permissioned()
    {
        var entry = Entry();
        Assert.Null(MachineCache.VerifyDirectory(entry));

        var module = Path.Combine(entry, "layer", "usr", "lib", "module.py");
        File.WriteAllText(module, "print");
        Assert.Contains("sealed as", MachineCache.VerifyDirectory(entry), StringComparison.Ordinal);
        File.WriteAllText(module, "print('x')\n");
        Assert.Null(MachineCache.VerifyDirectory(entry));

        File.WriteAllText(Path.Combine(entry, "layer", "extra"), "");
        Assert.NotNull(MachineCache.VerifyDirectory(entry));
        File.Delete(Path.Combine(entry, "layer", "extra"));
        Assert.Null(MachineCache.VerifyDirectory(entry));

        File.SetUnixFileMode(module, UnixFileMode.UserRead);
        Assert.NotNull(MachineCache.VerifyDirectory(entry));
    }

    [Fact]
    public void An_entry_without_its_seal_is_not_taken_for_a_finished_one()
    {
        var entry = Entry();
        File.Delete(Path.Combine(entry, MachineCache.ListingFile));

        Assert.Contains("missing", MachineCache.VerifyDirectory(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Touch_marks_an_entry_as_used_now_and_Discard_removes_it_whole()
    {
        var entry = Entry();
        Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow.AddDays(-10));

        MachineCache.Touch(entry);

        Assert.InRange(Directory.GetLastWriteTimeUtc(entry), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        MachineCache.Discard(entry);
        Assert.False(Directory.Exists(entry));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(entry)!));
    }

    [Fact]
    public void Registered_clones_that_no_longer_exist_are_dropped()
    {
        var cache = new MachineCache(Path.Combine(_directory.FullName, "cache"));
        var kept = Directory.CreateDirectory(Path.Combine(_directory.FullName, "clone-a", "artifacts")).FullName;
        var gone = Directory.CreateDirectory(Path.Combine(_directory.FullName, "clone-b", "artifacts")).FullName;
        cache.Register(kept);
        cache.Register(gone);
        cache.Register(kept);
        Directory.Delete(gone);

        Assert.Equal([kept], cache.RegisteredClones(dropMissing: true));
        Assert.Single(Directory.GetFiles(cache.Clones));
    }

    [Fact]
    public void Size_counts_files_below_a_directory_and_never_follows_links()
    {
        var entry = Entry();

        Assert.Equal("print('x')\n".Length + "key".Length + new FileInfo(Path.Combine(entry, MachineCache.ListingFile)).Length, MachineCache.SizeOf(entry));
    }
}
