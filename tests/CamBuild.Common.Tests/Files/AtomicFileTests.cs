using System.Text;

namespace CamBuild.Common.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cambuild-common-atomic-");

    public void Dispose() => _directory.Delete(recursive: true);

    // Moved from CamBuild.Python.Tests (LockTests), unchanged in what it asserts.
    [Fact]
    public async Task AtomicWriteReplacesWithoutLeavingTemporaries()
    {
        var path = Path.Combine(_directory.FullName, "locks", "requirements.txt");
        await AtomicFile.WriteAllTextAsync(path, "first\n", CancellationToken.None);
        await AtomicFile.WriteAllTextAsync(path, "second\n", CancellationToken.None);
        Assert.Equal("second\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
        Assert.Equal((byte)'s', (await File.ReadAllBytesAsync(path))[0]); // no byte order mark
    }

    [Fact]
    public void A_failing_writer_removes_its_temporary_file_and_keeps_the_old_content()
    {
        var path = Path.Combine(_directory.FullName, "state.json");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("killed mid-write");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void A_failing_rename_removes_the_temporary_file()
    {
        var path = Path.Combine(_directory.FullName, "occupied");
        Directory.CreateDirectory(path); // a directory where the file should go: the rename fails

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "content"));

        Assert.Empty(Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public async Task A_failing_async_writer_removes_its_temporary_file()
    {
        var path = Path.Combine(_directory.FullName, "download.whl");

        await Assert.ThrowsAsync<InvalidDataException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("partial"u8.ToArray(), token);
            throw new InvalidDataException("hash mismatch");
        }, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void Temporary_names_are_unique_hidden_siblings()
    {
        var path = Path.Combine(_directory.FullName, "x.json");
        var first = AtomicFile.TemporaryPathBeside(path);
        var second = AtomicFile.TemporaryPathBeside(path);

        Assert.NotEqual(first, second);
        Assert.Equal(_directory.FullName, Path.GetDirectoryName(first));
        Assert.StartsWith(".x.json.", Path.GetFileName(first), StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_writers_never_collide_and_the_file_is_one_of_them()
    {
        var path = Path.Combine(_directory.FullName, "shared.txt");
        var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 10_000)).ToList();

        Parallel.ForEach(contents, content => AtomicFile.WriteAllText(path, content));

        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void The_directory_is_fsynced_after_the_rename()
    {
        if (!OperatingSystem.IsLinux()) return; // directory fsync is Linux-only
        var before = Durability.DirectorySyncs;

        AtomicFile.WriteAllText(Path.Combine(_directory.FullName, "durable"), "x");

        Assert.True(Durability.DirectorySyncs > before);
    }

    [Fact]
    public void Fsync_of_a_missing_directory_fails_loudly()
    {
        if (!OperatingSystem.IsLinux()) return; // directory fsync is Linux-only
        var error = Assert.Throws<IOException>(() => Durability.FsyncDirectory(Path.Combine(_directory.FullName, "missing")));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_keeps_the_given_encoding_and_defaults_to_utf8_without_bom()
    {
        var plain = Path.Combine(_directory.FullName, "plain.txt");
        var bom = Path.Combine(_directory.FullName, "bom.txt");

        AtomicFile.WriteAllText(plain, "é");
        AtomicFile.WriteAllText(bom, "é", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(new byte[] { 0xC3, 0xA9 }, File.ReadAllBytes(plain));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, 0xC3, 0xA9 }, File.ReadAllBytes(bom));
    }

    [Fact]
    public void WriteIfChanged_leaves_an_unchanged_file_alone()
    {
        var path = Path.Combine(_directory.FullName, "generated.yml");
        Assert.True(AtomicFile.WriteIfChanged(path, "a"));
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.False(AtomicFile.WriteIfChanged(path, "a"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.True(AtomicFile.WriteIfChanged(path, "b"));
        Assert.Equal("b", File.ReadAllText(path));
    }

    [Fact]
    public void PublishDirectory_loses_the_race_gracefully()
    {
        var final = Path.Combine(_directory.FullName, "final");
        var first = Directory.CreateDirectory(Path.Combine(_directory.FullName, "t1")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_directory.FullName, "t2")).FullName;
        File.WriteAllText(Path.Combine(first, "f"), "1");
        File.WriteAllText(Path.Combine(second, "f"), "22");

        Assert.True(AtomicFile.PublishDirectory(first, final));
        Assert.False(AtomicFile.PublishDirectory(second, final));
        Assert.False(Directory.Exists(second));
        Assert.Equal("1", File.ReadAllText(Path.Combine(final, "f")));
    }
}
