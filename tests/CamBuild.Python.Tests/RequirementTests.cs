using CamBuild.Python.Metadata;
using CamBuild.Python.Requirements;
using CamBuild.Python.Tests.Support;

namespace CamBuild.Python.Tests;

public sealed class RequirementTests
{
    [Theory]
    [InlineData("tornado>=4.3, <5", "tornado", "", ">=4.3,<5", false)]
    [InlineData("katsdptelstate[rdb] >= 0.10", "katsdptelstate", "rdb", ">=0.10", false)]
    [InlineData("fakeredis[lua,aioredis]>=1.4.0; extra == \"test\"", "fakeredis", "aioredis,lua", ">=1.4.0", true)]
    [InlineData("llvmlite >=0.39.0dev0,<0.40", "llvmlite", "", ">=0.39.0dev0,<0.40", false)]
    [InlineData("Scikits.Fitting (>=0.6)", "scikits-fitting", "", ">=0.6", false)]
    [InlineData("typing_extensions", "typing-extensions", "", "", false)]
    [InlineData("win_inet_pton; (sys_platform == \"win32\" and python_version == \"2.7\") and extra == \"socks\"", "win-inet-pton", "", "", true)]
    [InlineData("importlib_metadata >= 4.13.0; python_version < '3.12'", "importlib-metadata", "", ">=4.13.0", true)]
    [InlineData("dask [ array , Array ]", "dask", "array", "", false)]
    [InlineData("name[]", "name", "", "", false)]
    public void ParsesPep508(string text, string name, string extras, string specifier, bool hasMarker)
    {
        var requirement = Requirement.Parse(text);
        Assert.Equal(name, requirement.Name);
        Assert.Equal(extras, string.Join(',', requirement.Extras));
        Assert.Equal(specifier, requirement.Specifier.ToString());
        Assert.Equal(hasMarker, requirement.Marker is not null);
    }

    [Fact]
    public void EvaluatesMarkersWithExtra()
    {
        var requirement = Requirement.Parse("rdbtools; extra == \"rdb\"");
        Assert.False(requirement.AppliesTo(Sarao.Debian));
        Assert.True(requirement.AppliesTo(Sarao.Debian, "rdb"));
        Assert.Equal("rdbtools", requirement.ToShortString());
    }

    [Theory]
    [InlineData("katcp @ https://example.invalid/katcp-0.9.3.whl", "direct URL references")]
    [InlineData("katcp@git+https://example.invalid/katcp.git", "direct URL references")]
    [InlineData(">=1.0", "must start with a project name")]
    [InlineData("-katcp", "must start with a project name")]
    [InlineData("katcp[rdb", "not closed")]
    [InlineData("katcp[r!b]", "not a valid extra name")]
    [InlineData("katcp >= banana", "not a PEP 440 version")]
    [InlineData("katcp;", "nothing follows ';'")]
    [InlineData("katcp; python_version >> '3'", "Invalid environment marker")]
    public void RejectsBadRequirementsNamingThem(string text, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => Requirement.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesCoreMetadataWithContinuationsAndBody()
    {
        const string text = "Metadata-Version: 2.1\r\nName: Scikits.Fitting\nVersion: 0.7.2\nSummary: Fit\n  more summary\n" +
            "Requires-Python: >=2.7, !=3.0, !=3.1, !=3.2, <4\nProvides-Extra: Test_Numba\nRequires-Dist: numpy\n" +
            "requires-dist: scipy>=0.9\n\nRequires-Dist: not-a-header-in-the-body\n";
        var metadata = CoreMetadata.Parse(text, "scikits_fitting-0.7.2.dist-info/METADATA");
        Assert.Equal("scikits-fitting", metadata.Name);
        Assert.Equal("0.7.2", metadata.Version.ToString());
        Assert.Equal(["numpy", "scipy"], metadata.RequiresDist.Select(r => r.Name));
        Assert.Equal(["test-numba"], metadata.ProvidesExtra);
        Assert.False(metadata.RequiresPython.Contains(Versions.PythonVersion.Parse("4.0")));
    }

    [Theory]
    [InlineData("Name: x\n", "'Version:' header is missing")]
    [InlineData("Name: x\nVersion: one\n", "Version 'one' is not a PEP 440 version")]
    [InlineData("Name: x\nVersion: 1\nRequires-Dist: y @ file:///tmp/y\n", "META:3: Requires-Dist: Invalid requirement")]
    [InlineData("Name: x\nVersion: 1\nRequires-Python: >=3.x\n", "META:3: Requires-Python")]
    public void RejectsBadMetadataNamingTheLine(string text, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => CoreMetadata.Parse(text, "META"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
