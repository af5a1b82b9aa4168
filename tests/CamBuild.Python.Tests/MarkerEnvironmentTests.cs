using CamBuild.Python.Markers;

namespace CamBuild.Python.Tests;

/// <summary>The probe and the marker environment it yields.</summary>
public sealed class MarkerEnvironmentTests
{
    [Fact]
    public void RejectsIncompleteProbeOutputNamingTheVariable()
    {
        var error = Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("{\"python_version\": \"3.11\"}", "node1 probe"));
        Assert.Contains("node1 probe", error.Message, StringComparison.Ordinal);
        Assert.Contains("'implementation_name' is missing", error.Message, StringComparison.Ordinal);
        Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("not json", "x"));
        Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("[1]", "x"));
    }

    [Fact]
    public void ForCPythonOnLinuxDerivesShortVersion()
    {
        var environment = MarkerEnvironment.ForCPythonOnLinux("3.8.18");
        Assert.Equal("3.8", environment.PythonVersion);
        Assert.Equal("CPython 3.8.18 linux x86_64", environment.Describe());
        Assert.True(MarkerParser.Parse(environment.ToMarker()).Evaluate(environment));
        Assert.False(MarkerParser.Parse(environment.ToMarker()).Evaluate(MarkerEnvironment.ForCPythonOnLinux("3.8.17")));
    }
}
