using CamBuild.Python.IO;
using CamBuild.Python.Locks;
using CamBuild.Python.Tests.Support;
using Tomlyn;
using Tomlyn.Model;

namespace CamBuild.Python.Tests;

public sealed class LockTests
{
    [Fact]
    public async Task RequirementsLockMatchesSnapshotAndParsesBack()
    {
        var result = await Sarao.ResolveAsync(new UniverseSource(), Sarao.Debian);
        var text = RequirementsLockWriter.Write(result, "./build.sh Pin");
        Snapshot.Match("requirements.txt", text);
        Assert.Equal(text, RequirementsLockWriter.Write(await Sarao.ResolveAsync(new UniverseSource(), Sarao.Debian), "./build.sh Pin"));
        var parsed = RequirementsLockParser.Parse(text, "requirements.txt");
        Assert.Equal(Flatten(LockedPackages.From(result)), Flatten(parsed));
        Assert.Empty(LockDiff.Compare(parsed, LockedPackages.From(result)));
    }

    [Fact]
    public async Task PylockMatchesSnapshotAndParsesBack()
    {
        var result = await Sarao.ResolveAsync(new UniverseSource(), Sarao.Debian);
        var text = PylockWriter.Write(result);
        Snapshot.Match("pylock.toml", text);
        var parsed = PylockParser.Parse(text, "pylock.toml");
        Assert.Equal(Flatten(LockedPackages.From(result)), Flatten(parsed));
        var document = TomlDocument.Parse(text, "pylock.toml");
        Assert.Equal("==3.11.*", document["requires-python"]);
        var environments = Assert.IsType<TomlArray>(document["environments"]);
        Assert.Contains("python_full_version == \"3.11.2\"", (string)environments[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiffTableMatchesSnapshot()
    {
        var oldResult = await Sarao.ResolveRequirementsAsync(new UniverseSource(), Sarao.Debian, ["katportalclient", "katdal==0.22", "katsdptelstate"], "numpy<1.25\ndask<2024");
        var newResult = await Sarao.ResolveRequirementsAsync(new UniverseSource(), Sarao.Pyenv, ["katcp", "katdal", "spead2"]);
        var previous = RequirementsLockParser.Parse(RequirementsLockWriter.Write(oldResult, "./build.sh Pin"), "old/requirements.txt").ToList();
        var six = previous.FindIndex(p => p.Name == "six");
        previous[six] = previous[six] with { Sha256Hashes = [UniverseSource.Sha256Of("republished")] };
        var current = PylockParser.Parse(PylockWriter.Write(newResult), "pylock.toml");
        var changes = LockDiff.Compare(previous, current);
        Assert.Equal(Enum.GetValues<LockChangeKind>().Order(), changes.Select(c => c.Kind).Distinct().Order());
        Snapshot.Match("lock-diff.txt", LockDiff.RenderTable(changes));
        Assert.Equal("No changes.\n", LockDiff.RenderTable(LockDiff.Compare(current, current)));
    }

    [Theory]
    [InlineData("katcp>=0.9\n", "requirements.txt:1: 'katcp>=0.9' is not pinned to one version")]
    [InlineData("# header\nkatcp==0.9.3 \\\n    --hash=md5:abc\n", "requirements.txt:2: only sha256 hashes")]
    [InlineData("katcp==0.9.3\n-e ./katcp\n", "requirements.txt:2: option '-e' is not supported")]
    [InlineData("katcp==0.9.3\nKATCP==0.9.1\n", "'katcp' is pinned more than once")]
    public void RequirementsLockErrorsNameFileAndLine(string text, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => RequirementsLockParser.Parse(text, "requirements.txt"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lock-version = \"1.0\"\nname = \"x\n", "pylock.toml:2: invalid TOML: Invalid newline in a string")]
    [InlineData("lock-version = \"1.0\"\na = 1\na = 2\n", "pylock.toml:3: invalid TOML: The key `a` is already defined")]
    [InlineData("lock-version = \"1.0\"\nx = [1, 2\n", "pylock.toml:3: invalid TOML: Unexpected token `<eof>`")]
    [InlineData("lock-version = \"2.0\"\n", "lock-version 2.0 is not supported")]
    [InlineData("created-by = \"x\"\n", "'lock-version' is missing")]
    [InlineData("lock-version = \"1.0\"\n[[packages]]\nname = \"x\"\n", "packages[0] needs string 'name' and 'version'")]
    public void PylockErrorsNameFileAndLine(string text, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => PylockParser.Parse(text, "pylock.toml"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TomlDocumentReadsTheLockSubset()
    {
        const string text = "# comment\nlock-version = '1.0' # trailing\n\"quoted key\" = \"tab\\there \\u00e9\"\n" +
            "n = 1_000\nf = 1.5\nb = true\nwhen = 2025-04-01 12:00:00Z\n[tool.cambuild]\nx.y = [ { a = 1 }, { a = 2 }, ]\n" +
            "[[packages]]\nname = \"a\"\n[packages.sdist]\nname = \"a.tar.gz\"\n[[packages]]\nname = \"b\"\n";
        var document = TomlDocument.Parse(text, "t.toml");
        Assert.Equal("tab\there é", document["quoted key"]);
        Assert.Equal(1000L, document["n"]);
        Assert.Equal(1.5, document["f"]);
        Assert.Equal(true, document["b"]);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero), ((TomlDateTime)document["when"]!).DateTime);
        var tool = (TomlTable)((TomlTable)document["tool"]!)["cambuild"]!;
        Assert.Equal(2, ((TomlArray)((TomlTable)tool["x"]!)["y"]!).Count);
        var packages = (TomlTableArray)document["packages"]!;
        Assert.Equal("a.tar.gz", ((TomlTable)packages[0]["sdist"]!)["name"]);
        Assert.Equal("b", packages[1]["name"]);
    }

    [Fact]
    public async Task AtomicWriteReplacesWithoutLeavingTemporaries()
    {
        var directory = Directory.CreateTempSubdirectory("cambuild-python-tests-");
        try
        {
            var path = Path.Combine(directory.FullName, "locks", "requirements.txt");
            await AtomicFile.WriteAllTextAsync(path, "first\n", CancellationToken.None);
            await AtomicFile.WriteAllTextAsync(path, "second\n", CancellationToken.None);
            Assert.Equal("second\n", await File.ReadAllTextAsync(path));
            Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
            Assert.Equal((byte)'s', (await File.ReadAllBytesAsync(path))[0]); // no byte order mark
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Flatten(IEnumerable<LockedPackage> packages) =>
        packages.Select(p => $"{p.Name}=={p.Version} {string.Join(',', p.Sha256Hashes)}");
}
