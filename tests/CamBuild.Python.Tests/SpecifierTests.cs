using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests;

public sealed class SpecifierTests
{
    [Theory]
    [InlineData("==1.0", "1.0.0", true)]
    [InlineData("==1.0", "1.0+local.7", true)]
    [InlineData("==1.0+local.7", "1.0", false)]
    [InlineData("==1.0+local.7", "1.0+local.7", true)]
    [InlineData("==1.1.*", "1.1.5", true)]
    [InlineData("==1.1.*", "1.10", false)]
    [InlineData("==1.1.*", "1.1a1", true)]
    [InlineData("==1.*", "1", true)]
    [InlineData("==1.0.*", "1", true)]
    [InlineData("==1.0rc1.*", "1.0rc1.post2", true)]
    [InlineData("==1.0rc1.*", "1.0rc2", false)]
    [InlineData("!=3.0.*", "3.0.1", false)]
    [InlineData("!=3.0.*", "3.1", true)]
    [InlineData("!=3.0", "3.0.1", true)]
    [InlineData("!=3.0", "3.0.0", false)]
    [InlineData("~=2.2", "2.3", true)]
    [InlineData("~=2.2", "3.0", false)]
    [InlineData("~=2.2.1", "2.2.5", true)]
    [InlineData("~=2.2.1", "2.3", false)]
    [InlineData("~=1.4.5a4", "1.4.5", true)]
    [InlineData("~=2.2.post3", "2.2.post4", true)]
    [InlineData("~=1!2.2", "1!2.9", true)]
    [InlineData("~=1!2.2", "2.9", false)]
    [InlineData(">1.7", "1.7.1", true)]
    [InlineData(">1.7", "1.7.post2", false)]
    [InlineData(">1.7.post2", "1.7.post3", true)]
    [InlineData(">1.7", "1.7+local", false)]
    [InlineData("<1.7", "1.7a1", false)]
    [InlineData("<1.7rc1", "1.7a1", true)]
    [InlineData("<5", "4.5.3", true)]
    [InlineData("<5", "5.0", false)]
    [InlineData("<=1.0", "1.0+local", true)]
    [InlineData(">=3.7", "3.11.2", true)]
    [InlineData(">= 3.8", "3.7.17", false)]
    [InlineData("<3.11", "3.11.2", false)]
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0", "1.0.0", false)]
    [InlineData("===FooBar", "1.0", false)]
    public void EvaluatesSingleClauses(string specifier, string version, bool expected) =>
        Assert.Equal(expected, VersionSpecifier.Parse(specifier).Contains(PythonVersion.Parse(version)));

    [Theory]
    [InlineData(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, <4", "3.11.7", true)]
    [InlineData(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, <4", "3.1.4", false)]
    [InlineData(">=2.7,!=3.0,!=3.1,!=3.2,<4", "3.1.4", true)]
    [InlineData(">=3.7,<3.11", "3.10.12", true)]
    [InlineData(">=3.7,<3.11", "3.11.0", false)]
    [InlineData("<1.27.0,>=1.19.5", "1.26.4", true)]
    [InlineData("", "0.0.1", true)]
    public void EvaluatesSets(string specifier, string version, bool expected) =>
        Assert.Equal(expected, SpecifierSet.Parse(specifier).Contains(PythonVersion.Parse(version), allowPrereleases: true));

    [Fact]
    public void ExcludesPrereleasesUnlessNamedOrOnlyMatch()
    {
        var versions = new[] { "0.40.0", "0.39.1", "0.39.0rc1", "0.38.0" }.Select(PythonVersion.Parse).ToArray();
        Assert.False(SpecifierSet.Parse(">=0.39").Contains(PythonVersion.Parse("0.39.0rc1")));
        Assert.True(SpecifierSet.Parse(">=0.39.0dev0,<0.40").NamesPrerelease);
        Assert.Equal(["0.39.1", "0.39.0rc1"], SpecifierSet.Parse(">=0.39.0dev0,<0.40").Filter(versions).Select(v => v.ToString()));
        Assert.Equal(["0.39.0rc1"], SpecifierSet.Parse(">0.38,<0.39.1").Filter(versions).Select(v => v.ToString()));
        Assert.Empty(SpecifierSet.Parse(">0.38,<0.39.1").Filter(versions, allowPrereleases: false));
        Assert.Equal(["0.40.0", "0.39.1"], SpecifierSet.Parse(">=0.39").Filter(versions).Select(v => v.ToString()));
        Assert.False(SpecifierSet.Parse("!=1.0a1").NamesPrerelease);
    }

    [Fact]
    public void ExactPinsAreRecognisedForYanks()
    {
        Assert.True(SpecifierSet.Parse("==1.1").HasExactPin);
        Assert.True(SpecifierSet.Parse("===1.1").HasExactPin);
        Assert.False(SpecifierSet.Parse("==1.*").HasExactPin);
        Assert.False(SpecifierSet.Parse(">=1.1,<=1.1").HasExactPin);
    }

    [Theory]
    [InlineData(">=1.0.*", ".* is only allowed")]
    [InlineData("==1.0.dev1.*", "cannot follow a dev")]
    [InlineData(">=1.0+local", "local labels")]
    [InlineData("~=1", "two release segments")]
    [InlineData("=>1.0", "must start with")]
    [InlineData(">=banana", "not a PEP 440 version")]
    [InlineData(">=1.0,,<2", "empty clause")]
    public void RejectsInvalidSpecifiersWithReason(string text, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => SpecifierSet.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(text.Split(',')[0], error.Message, StringComparison.Ordinal);
    }
}
