using CamBuild.Python.Versions;

namespace CamBuild.PackageIndex.Tests.Wheels;

public sealed class ProjectNamesTests
{
    [Theory]
    [InlineData("Katcp_Codec", "katcp-codec", "katcp_codec")]
    [InlineData("scikits.fitting", "scikits-fitting", "scikits_fitting")]
    [InlineData("typing__extensions", "typing-extensions", "typing_extensions")]
    [InlineData("PyYAML", "pyyaml", "pyyaml")]
    [InlineData("a-._b", "a-b", "a_b")]
    public void Names_normalize_as_PEP_503_and_escape_as_wheel_names(string name, string normalized, string wheel)
    {
        Assert.Equal(normalized, PackageName.Normalize(name));
        Assert.Equal(wheel, ProjectNames.WheelEscape(name));
        Assert.True(PackageName.IsNormalized(normalized));
    }
}
