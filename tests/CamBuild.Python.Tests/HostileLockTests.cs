using System.Text;
using CamBuild.Fuzzing;
using CamBuild.Python.Locks;

namespace CamBuild.Python.Tests;

/// <summary>pylock.toml and requirements.txt read back from disk, made hostile one way at a time: each is refused with file, line and fix.</summary>
public sealed class HostileLockTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Snapshot(string name) => File.ReadAllText(RepositoryRoot.Combine("tests", "CamBuild.Python.Tests", "Snapshots", name));

    private static IReadOnlyList<LockedPackage> Load(string name, string path) =>
        name == "pylock.toml" ? PylockParser.Load(path, name) : RequirementsLockParser.Load(path, name);

    [Theory]
    [InlineData("pylock.toml")]
    [InlineData("requirements.txt")]
    public void The_unaltered_lock_loads(string name)
    {
        var path = _directory.Write(name, Snapshot(name));

        Assert.NotEmpty(Load(name, path));
    }

    [Theory]
    [InlineData("pylock.toml")]
    [InlineData("requirements.txt")]
    public void A_lock_over_the_size_limit_is_refused(string name)
    {
        var text = new StringBuilder(Snapshot(name));
        while (text.Length < 10 * 1024 * 1024) text.Append("# ").Append('x', 1000).Append('\n');
        var path = _directory.Write(name, text.ToString());

        var error = Assert.ThrowsAny<Exception>(() => Load(name, path));

        HostileAssert.Refused(error, name, 1, "larger than the limit of 1,048,576 bytes");
    }

    [Theory]
    [InlineData("pylock.toml")]
    [InlineData("requirements.txt")]
    public void A_lock_with_a_byte_that_is_not_utf8_is_refused_at_its_line_and_column(string name)
    {
        var text = Snapshot(name);
        var line = text.Split('\n').Length; // the appended comment's line
        var path = _directory.Combine(name);
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(text + "# caf"), 0xE9, (byte)'\n']);

        var error = Assert.ThrowsAny<Exception>(() => Load(name, path));

        HostileAssert.Refused(error, name, line, "save the file as UTF-8");
        Assert.Contains($"{name}:{line}:6:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lock-version = \"1.0\"", "lock-version = 1", "lock-version")]
    [InlineData("lock-version = \"1.0\"", "lock-version = \"1.0\"\nlock-version = \"1.0\"", "pylock.toml")]
    [InlineData("name = \"aiokatcp\"", "name = [\"aiokatcp\"]", "pylock.toml")]
    [InlineData("name = \"aiokatcp\"", "name = { a = 1 }", "pylock.toml")]
    public void A_pylock_with_a_wrong_type_or_a_duplicate_key_is_refused(string line, string replacement, string fragment)
    {
        var text = Snapshot("pylock.toml");
        Assert.Contains(line, text, StringComparison.Ordinal);
        var path = _directory.Write("pylock.toml", ReplaceFirst(text, line, replacement));

        var error = Assert.ThrowsAny<Exception>(() => Load("pylock.toml", path));

        Assert.IsAssignableFrom<CamBuild.Common.InputException>(error);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("==", ">=")]
    [InlineData("--hash=sha256:", "--hash=md5:")]
    [InlineData("--hash=sha256:", "--hash=sha256:[")]
    public void A_requirements_lock_with_a_malformed_entry_is_refused_at_its_line(string part, string replacement)
    {
        var text = Snapshot("requirements.txt");
        var line = Array.FindIndex(text.Split('\n'), l => l.Length > 0 && !l.StartsWith('#')) + 1; // the first entry holds the first match
        var path = _directory.Write("requirements.txt", ReplaceFirst(text, part, replacement));

        var error = Assert.ThrowsAny<Exception>(() => Load("requirements.txt", path));

        Assert.IsAssignableFrom<CamBuild.Common.InputException>(error);
        Assert.Contains("requirements.txt", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains($"line {line}", StringComparison.Ordinal) || error.Message.Contains($"requirements.txt:{line}", StringComparison.Ordinal),
            $"the message must name line {line}: {error.Message}");
    }

    private static string ReplaceFirst(string text, string part, string replacement)
    {
        var at = text.IndexOf(part, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + part.Length)..];
    }
}
