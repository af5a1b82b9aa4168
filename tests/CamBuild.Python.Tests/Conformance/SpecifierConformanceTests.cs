using CamBuild.Python.Markers;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests.Conformance;

/// <summary>Classes 3, 4 and 5 of issue 19: exclusive comparisons, arbitrary equality, unbounded numbers.</summary>
public sealed class SpecifierConformanceTests
{
    [Theory]
    [InlineData(">1.0rc1", "1.0.post1", true)] // a post-release of 1.0, not of 1.0rc1
    [InlineData(">1.0rc1", "1.0rc1.post1", false)] // a post-release of 1.0rc1 itself
    [InlineData(">1.0.dev1", "1.0.post0", true)]
    [InlineData(">1.0", "1.0.post1", false)]
    [InlineData(">1.0", "1.0.post1.dev1", false)]
    [InlineData(">1.0.post1", "1.0.post2", true)]
    public void Pep440_GreaterThanExcludesOnlyPostReleasesOfTheGivenVersion_AsPackaging26_Pr1141(string specifier, string version, bool expected) =>
        Assert.Equal(expected, SpecifierSet.Parse(specifier).Contains(PythonVersion.Parse(version), allowPrereleases: true));

    [Theory]
    [InlineData(">1.0.post1", "1.0.post2+local", true)] // a local version of 1.0.post2, not of 1.0.post1
    [InlineData(">1.0.post1", "1.0.post1+local", false)]
    [InlineData(">1.0", "1.0+local", false)]
    [InlineData(">4.1.0a2.dev1234", "4.1.0a2.dev1235+local", true)]
    public void Pep440_GreaterThanExcludesOnlyLocalVersionsOfTheGivenVersion_AsPackaging26_Pr1097(string specifier, string version, bool expected) =>
        Assert.Equal(expected, SpecifierSet.Parse(specifier).Contains(PythonVersion.Parse(version), allowPrereleases: true));

    [Theory]
    [InlineData("<1.0.post1", "1.0a1", true)] // a pre-release of 1.0, not of 1.0.post1
    [InlineData("<1.0.post1", "1.0.dev0", true)]
    [InlineData("<1.0.post1", "1.0.post1.dev2", false)] // a pre-release of 1.0.post1 itself
    [InlineData("<2.0", "2.0b1", false)]
    [InlineData("<2.0", "2.0.dev3", false)]
    [InlineData("<2.0", "1.9.post1.dev0", true)]
    [InlineData("<2.0rc1", "2.0b1", true)]
    public void Pep440_LessThanExcludesOnlyPreReleasesOfTheGivenVersion_AsPackaging26_Pr1140(string specifier, string version, bool expected) =>
        Assert.Equal(expected, SpecifierSet.Parse(specifier).Contains(PythonVersion.Parse(version), allowPrereleases: true));

    [Theory]
    [InlineData("===1.0", "01.0", false)] // no zero-padding semantics
    [InlineData("===1.0", "1.0.0", false)]
    [InlineData("===1.0", "1.0+local", false)]
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0a1", "1.0A1", true)] // case is ignored, as packaging's arbitrary equality does
    [InlineData("===1.0a1", "1.0.a1", false)]
    public void Pep440_ArbitraryEqualityIsStringEquality(string specifier, string version, bool expected) =>
        Assert.Equal(expected, SpecifierSet.Parse(specifier).Contains(PythonVersion.Parse(version), allowPrereleases: true));

    [Theory]
    [InlineData("01.0", "1.0")]
    [InlineData("1.0", "1.0")]
    [InlineData("POSIX", "posix")]
    [InlineData("1.0A1", "1.0a1")]
    [InlineData("1.0.0", "1.0")]
    public void Pep440_ArbitraryEqualityIsTheSameInMarkersAsInSpecifiers(string environmentValue, string literal)
    {
        var environment = MarkerEnvironment.ForCPythonOnLinux("3.11.2") with { PlatformRelease = environmentValue };
        var inMarker = MarkerParser.Parse($"platform_release === \"{literal}\"").Evaluate(environment);
        Assert.Equal(VersionSpecifier.ArbitraryEquals(environmentValue, literal), inMarker);
        if (PythonVersion.TryParse(environmentValue, out var version))
        {
            Assert.Equal(inMarker, SpecifierSet.Parse("===" + literal).Contains(version, allowPrereleases: true));
        }

        Assert.Equal(string.Equals(environmentValue, literal, StringComparison.OrdinalIgnoreCase), inMarker);
    }

    [Fact]
    public void Pep440_ReleaseSegmentsHaveNoUpperBound()
    {
        var huge = PythonVersion.Parse("1.99999999999999999999");
        Assert.Equal("1.99999999999999999999", huge.ToString());
        Assert.True(huge > PythonVersion.Parse("1.99999999999999999998"));
        Assert.True(huge > PythonVersion.Parse("1.9223372036854775807"));
        Assert.True(PythonVersion.Parse("99999999999999999999!1.0") > PythonVersion.Parse("9223372036854775807!1.0"));
        Assert.Equal(PythonVersion.Parse("1.0.post18446744073709551616"), PythonVersion.Parse("1.0-18446744073709551616"));
        Assert.True(SpecifierSet.Parse(">1.9223372036854775807").Contains(huge));
        Assert.True(SpecifierSet.Parse("==1.99999999999999999999.*").Contains(PythonVersion.Parse("1.99999999999999999999.3")));
        Assert.True(SpecifierSet.Parse("~=1.99999999999999999999").Contains(PythonVersion.Parse("1.100000000000000000000")));
    }
}
