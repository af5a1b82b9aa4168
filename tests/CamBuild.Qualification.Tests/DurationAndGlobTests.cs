using CamBuild.Common;
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

    [Fact]
    public void ExpandsAgainstTheRealSamples()
    {
        var files = Glob.Expand(RepositoryRoot.Path, "samples/acceptance/*.py", Glob.PythonByteCode);

        Assert.Contains("samples/acceptance/run.py", files);
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.Equal(files, Glob.Expand(RepositoryRoot.Path, "samples/acceptance", Glob.PythonByteCode).Where(file => file.EndsWith(".py", StringComparison.Ordinal)));
    }
}
