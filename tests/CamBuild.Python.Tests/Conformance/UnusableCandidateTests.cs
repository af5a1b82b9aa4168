using CamBuild.Python.Markers;
using CamBuild.Python.Requirements;
using CamBuild.Python.Resolution;
using CamBuild.Python.Tests.Support;

namespace CamBuild.Python.Tests.Conformance;

/// <summary>Class 1 and the requirement half of class 6 of issue 19.</summary>
public sealed class UnusableCandidateTests
{
    [Fact]
    public async Task Pip_SkipsACandidateWithAnInvalidRequiresPythonAndWarnsNamingFileAndField()
    {
        var source = new UniverseSource(new UniverseOptions
        {
            ExtraReleases = { new ExtraRelease("tornado", "9.0", ">=3.6,", [], []) },
        });
        var result = await Sarao.ResolveRequirementsAsync(source, Sarao.Debian, ["tornado>=6"]);
        Assert.Equal("6.4", result.Find("tornado")!.Version.ToString());
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("tornado 9.0", warning, StringComparison.Ordinal);
        Assert.Contains("tornado-9.0-py3-none-any.whl METADATA", warning, StringComparison.Ordinal);
        Assert.Contains("Requires-Python", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pip_SkipsACandidateWithAnInvalidRequiresDistAndFailsListingTheSkippedWhenNoneRemains()
    {
        var source = new UniverseSource(new UniverseOptions
        {
            ExtraReleases =
            {
                new ExtraRelease("brokenlib", "2.0", null, ["tornado >= 6 ;; os_name == 'posix'"], []),
                new ExtraRelease("brokenlib", "1.0", ">=3.6,", [], []),
            },
        });
        var error = await Assert.ThrowsAsync<DependencyConflictException>(
            () => Sarao.ResolveRequirementsAsync(source, Sarao.Debian, ["brokenlib"]));
        Assert.Contains("Skipped candidates", error.Message, StringComparison.Ordinal);
        Assert.Contains("brokenlib 2.0: brokenlib-2.0-py3-none-any.whl METADATA", error.Message, StringComparison.Ordinal);
        Assert.Contains("Requires-Dist", error.Message, StringComparison.Ordinal);
        Assert.Contains("brokenlib 1.0: brokenlib-1.0-py3-none-any.whl METADATA", error.Message, StringComparison.Ordinal);
        Assert.Contains("Requires-Python", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pep345_LegacyMarkerNamesAreAcceptedAsPackagingAcceptsThem()
    {
        var source = new UniverseSource(new UniverseOptions
        {
            ExtraReleases =
            {
                new ExtraRelease("legacylib", "1.0", null, ["tornado>=6; os.name == \"nt\"", "katversion; sys.platform == 'linux'"], []),
            },
        });
        var result = await Sarao.ResolveRequirementsAsync(source, Sarao.Debian, ["legacylib"]);
        Assert.Null(result.Find("tornado"));
        Assert.NotNull(result.Find("katversion"));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("os.name == 'posix'", true)]
    [InlineData("sys.platform == 'linux'", true)]
    [InlineData("platform.machine == 'x86_64'", true)]
    [InlineData("platform.version == '#1 SMP'", true)]
    [InlineData("platform.python_implementation == 'CPython'", true)]
    [InlineData("python_implementation == 'CPython'", true)]
    [InlineData("os.name == 'nt'", false)]
    public void Pep345_LegacyMarkerVariablesEvaluateAsTheirPep508Names(string marker, bool expected) =>
        Assert.Equal(expected, MarkerParser.Parse(marker).Evaluate(Sarao.Debian));

    [Theory]
    [InlineData("tornado\n")]
    [InlineData("tornado>=6\r\n")]
    [InlineData("tornado; os_name == 'posix'\n")]
    [InlineData("tornado\n; os_name == 'posix'")]
    [InlineData("tornado\f")]
    public void Pep508_OnlySpacesAndTabsSeparateARequirementsParts(string text)
    {
        var error = Assert.Throws<PythonPackagingException>(() => Requirement.Parse(text));
        Assert.Contains("Invalid requirement", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" tornado >= 6 \t", "tornado")]
    [InlineData("tornado ; os_name == 'posix' \t", "tornado")]
    public void Pep508_SpacesAndTabsAroundARequirementAreAllowed(string text, string name) =>
        Assert.Equal(name, Requirement.Parse(text).Name);

    [Fact]
    public void Pep508_AMarkerWithALineBreakIsRejected() =>
        Assert.Throws<PythonPackagingException>(() => MarkerParser.Parse("os_name == 'posix'\n"));
}
