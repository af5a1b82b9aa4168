using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

public sealed class DurationAndGlobTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1m30s", 90)]
    [InlineData("2h", 7200)]
    [InlineData("24h", 86400)]
    public void ParsesDurations(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("0s")]
    [InlineData("25h")]
    [InlineData("5 m")]
    [InlineData("1.5m")]
    [InlineData("-5s")]
    [InlineData("")]
    [InlineData("s")]
    public void RefusesBadDurations(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(5, "5s")]
    public void FormatsDurations(int seconds, string text) => Assert.Equal(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("samples/acceptance/**", "samples/acceptance/run.py", true)]
    [InlineData("samples/acceptance/**", "samples/acceptance/sub/x.py", true)]
    [InlineData("samples/**/run.py", "samples/run.py", true)]
    [InlineData("samples/*.py", "samples/acceptance/run.py", false)]
    [InlineData("samples/acceptance/test_?.py", "samples/acceptance/test_a.py", true)]
    [InlineData("samples/acceptance/**", "samples/acceptance/__pycache__/run.cpython-311.pyc", false)]
    [InlineData("samples/acceptance/**", "samples/acceptanceX/run.py", false)]
    [InlineData("./a/b.txt", "a/b.txt", true)]
    public void MatchesGlobs(string glob, string path, bool expected) => Assert.Equal(expected, FileGlob.IsMatch(glob, path));

    [Theory]
    [InlineData("../x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a/../../x", false)]
    [InlineData("a/b", true)]
    public void KeepsGlobsInsideTheRoot(string glob, bool contained) => Assert.Equal(contained, FileGlob.IsContained(glob));

    [Fact]
    public void ExpandsAgainstTheRealSamples()
    {
        var files = FileGlob.Expand(RepositoryRoot.Path, "samples/acceptance/*.py");

        Assert.Contains("samples/acceptance/run.py", files);
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.Equal(files, FileGlob.Expand(RepositoryRoot.Path, "samples/acceptance").Where(file => file.EndsWith(".py", StringComparison.Ordinal)));
    }
}
