using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests;

public sealed class VersionTests
{
    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("v1.0", "1.0")]
    [InlineData("1.0.0", "1.0.0")]
    [InlineData("1.0-alpha1", "1.0a1")]
    [InlineData("1.0.Beta.2", "1.0b2")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0preview3", "1.0rc3")]
    [InlineData("1.0pre", "1.0rc0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0rev2", "1.0.post2")]
    [InlineData("1.0.r", "1.0.post0")]
    [InlineData("1.0-dev", "1.0.dev0")]
    [InlineData("0.39.0dev0", "0.39.0.dev0")]
    [InlineData("1!2.0", "1!2.0")]
    [InlineData("0!2.0", "2.0")]
    [InlineData("01.002.0003", "1.2.3")]
    [InlineData("1.0+Ubuntu-1_A", "1.0+ubuntu.1.a")]
    [InlineData("1.0+00abc.007", "1.0+00abc.7")]
    [InlineData(" 2.0RC1.POST2.DEV3 ", "2.0rc1.post2.dev3")]
    [InlineData("2024.8.0", "2024.8.0")]
    public void NormalisesOnParse(string text, string normalised) =>
        Assert.Equal(normalised, PythonVersion.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("1.0.")]
    [InlineData("a1.0")]
    [InlineData("1.0+")]
    [InlineData("1.0+abc_")]
    [InlineData("1.0 beta")]
    [InlineData("1..0")]
    [InlineData("1.0-foo")]
    public void RejectsInvalidVersions(string text)
    {
        Assert.False(PythonVersion.TryParse(text, out _));
        var error = Assert.Throws<PythonPackagingException>(() => PythonVersion.Parse(text));
        Assert.Contains("PEP 440", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdersTheSpecificationExample()
    {
        string[] ordered =
        [
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
            "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
        ];
        var shuffled = ordered.Reverse().Select(PythonVersion.Parse).OrderBy(v => v).Select(v => v.Original);
        Assert.Equal(ordered, shuffled);
    }

    [Theory]
    [InlineData("1.0", "1.0.0", 0)]
    [InlineData("1.0.0.0", "1", 0)]
    [InlineData("1!1.0", "2.0", 1)]
    [InlineData("1.0.dev1", "1.0a1", -1)]
    [InlineData("1.0a1.dev1", "1.0a1", -1)]
    [InlineData("1.0.post1.dev1", "1.0", 1)]
    [InlineData("1.0+a", "1.0+1", -1)]
    [InlineData("1.0+1.a", "1.0+1", 1)]
    [InlineData("1.0+ABC", "1.0+abc", 0)]
    [InlineData("2024.2.2", "2023.12.31", 1)]
    [InlineData("0.10", "0.9", 1)]
    [InlineData("1.10.0b1", "1.9.0", 1)]
    [InlineData("1.10.0b1", "1.10.0", -1)]
    public void ComparesByPep440(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(PythonVersion.Parse(left).CompareTo(PythonVersion.Parse(right))));
        if (expected == 0)
        {
            Assert.Equal(PythonVersion.Parse(left).GetHashCode(), PythonVersion.Parse(right).GetHashCode());
        }
    }

    [Theory]
    [InlineData("1.0a1", true, false, false)]
    [InlineData("1.0.dev1", true, true, false)]
    [InlineData("1.0.post1", false, false, true)]
    [InlineData("1.0rc1.post1", true, false, true)]
    [InlineData("1.0", false, false, false)]
    public void ClassifiesReleases(string text, bool pre, bool dev, bool post)
    {
        var version = PythonVersion.Parse(text);
        Assert.Equal((pre, dev, post), (version.IsPrerelease, version.IsDevRelease, version.IsPostRelease));
    }

    [Theory]
    [InlineData("Scikits.Fitting", "scikits-fitting")]
    [InlineData("typing_extensions", "typing-extensions")]
    [InlineData("zope--._interface", "zope-interface")]
    [InlineData("PyJWT", "pyjwt")]
    public void NormalisesNamesPerPep503(string name, string expected) => Assert.Equal(expected, PackageName.Normalize(name));
}
