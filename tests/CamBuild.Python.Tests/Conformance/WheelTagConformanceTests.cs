using CamBuild.Python.Distributions;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Tests.Conformance;

/// <summary>Class 2 and the tag half of class 6 of issue 19: the tags an installer accepts for the candidate.</summary>
public sealed class WheelTagConformanceTests
{
    private static readonly MarkerEnvironment Bookworm = MarkerEnvironment.ForCPythonOnLinux("3.11.2"); // glibc 2.36

    private static bool Fits(MarkerEnvironment environment, string fileName) =>
        WheelName.TryParse(fileName, out _) is { } wheel && wheel.Tags.Any(new WheelCompatibility(environment).IsCompatible);

    [Theory]
    [InlineData("x-1.0-cp311-cp311-manylinux_2_36_x86_64.whl", true)]
    [InlineData("x-1.0-cp311-cp311-manylinux_2_39_x86_64.whl", false)]
    [InlineData("x-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", true)]
    [InlineData("x-1.0-cp311-cp311-manylinux1_x86_64.whl", true)]
    [InlineData("x-1.0-cp311-cp311-manylinux_3_0_x86_64.whl", false)]
    [InlineData("x-1.0-cp311-cp311-musllinux_1_1_x86_64.whl", false)]
    [InlineData("x-1.0-cp311-cp311-linux_x86_64.whl", true)]
    public void Pep600_ManylinuxTagsStopAtTheCandidatesGlibc(string fileName, bool expected) =>
        Assert.Equal(expected, Fits(Bookworm, fileName));

    [Fact]
    public void Pep600_WithoutAKnownGlibcNoManylinuxTagApplies()
    {
        var unknown = MarkerEnvironment.ForCPythonOnLinux("3.11.2", glibc: null);
        Assert.False(Fits(unknown, "x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"));
        Assert.True(Fits(unknown, "x-1.0-cp311-cp311-linux_x86_64.whl"));
        Assert.True(Fits(MarkerEnvironment.ForCPythonOnLinux("3.11.2", glibc: "2.39"), "x-1.0-cp311-cp311-manylinux_2_39_x86_64.whl"));
    }

    [Theory]
    [InlineData("x86_64", "x-1.0-py3-none-manylinux_2_5_x86_64.whl", true)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux_2_5_aarch64.whl", false)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux1_aarch64.whl", false)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux2010_aarch64.whl", false)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux_2_16_aarch64.whl", false)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux_2_17_aarch64.whl", true)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux2014_aarch64.whl", true)]
    [InlineData("aarch64", "x-1.0-py3-none-manylinux_2_17_x86_64.whl", false)]
    public void Packaging_ManylinuxTagsBeforeGlibc217ExistOnlyForX86(string machine, string fileName, bool expected) =>
        Assert.Equal(expected, Fits(MarkerEnvironment.ForCPythonOnLinux("3.11.2", machine), fileName));

    [Theory]
    [InlineData("3.11.2", "x-1.0-cp311-abi3-any.whl", false)] // cpython_tags pairs abi3 only with platform tags
    [InlineData("3.11.2", "x-1.0-cp311-none-any.whl", true)]
    [InlineData("3.11.2", "x-1.0-cp38-abi3-manylinux_2_17_x86_64.whl", true)]
    [InlineData("3.11.2", "x-1.0-cp312-abi3-manylinux_2_17_x86_64.whl", false)]
    [InlineData("3.11.2", "x-1.0-cp311-cp311m-manylinux_2_17_x86_64.whl", false)] // no pymalloc suffix since 3.8
    [InlineData("3.7.17", "x-1.0-cp37-cp37m-manylinux_2_17_x86_64.whl", true)]
    [InlineData("3.7.17", "x-1.0-cp37-cp37-manylinux_2_17_x86_64.whl", false)]
    [InlineData("3.11.2", "x-1.0-cp31-abi3-manylinux_2_17_x86_64.whl", false)] // abi3 starts at 3.2
    [InlineData("3.11.2", "x-1.0-cp32-abi3-manylinux_2_17_x86_64.whl", true)]
    [InlineData("3.1.5", "x-1.0-cp31-abi3-manylinux_2_17_x86_64.whl", false)]
    [InlineData("3.11.2", "x-1.0-py311-none-linux_x86_64.whl", true)]
    [InlineData("3.11.2", "x-1.0-py312-none-any.whl", false)]
    [InlineData("3.11.2", "x-1.0-py30-none-any.whl", true)]
    [InlineData("3.11.2", "x-1.0-py2.py3-none-any.whl", true)]
    [InlineData("3.11.2", "x-1.0-pp311-none-any.whl", false)]
    public void PackagingTags_CPythonAbisAreThoseSysTagsYields(string python, string fileName, bool expected) =>
        Assert.Equal(expected, Fits(MarkerEnvironment.ForCPythonOnLinux(python), fileName));

    [Theory]
    [InlineData("arm64", "x-1.0-cp311-cp311-macosx_13_0_arm64.whl", true)]
    [InlineData("arm64", "x-1.0-cp311-cp311-macosx_14_0_arm64.whl", false)]
    [InlineData("arm64", "x-1.0-cp311-cp311-macosx_11_0_arm64.whl", true)]
    [InlineData("arm64", "x-1.0-cp311-cp311-macosx_10_9_universal2.whl", true)]
    [InlineData("arm64", "x-1.0-cp311-cp311-macosx_10_9_x86_64.whl", false)]
    [InlineData("x86_64", "x-1.0-cp311-cp311-macosx_10_9_x86_64.whl", true)]
    [InlineData("x86_64", "x-1.0-cp311-cp311-macosx_10_9_intel.whl", true)]
    [InlineData("x86_64", "x-1.0-cp311-cp311-macosx_13_0_x86_64.whl", true)]
    [InlineData("x86_64", "x-1.0-cp311-cp311-macosx_13_1_x86_64.whl", false)]
    public void PackagingTags_MacOSTagsAreNeverNewerThanTheTarget(string machine, string fileName, bool expected)
    {
        var ventura = MarkerEnvironment.ForCPythonOnLinux("3.11.2", machine) with
        {
            SysPlatform = "darwin", PlatformSystem = "Darwin", PlatformRelease = "22.1.0",
        };
        Assert.Equal(expected, Fits(ventura, fileName));
    }

    [Theory]
    [InlineData("x-1.0-py3.-none-any.whl", "empty member")]
    [InlineData("x-1.0-.py3-none-any.whl", "empty member")]
    [InlineData("x-1.0-py3-none-any..linux_x86_64.whl", "empty member")]
    [InlineData("x-1.0-py3-none-any x.whl", "white space")]
    [InlineData("x y-1.0-py3-none-any.whl", "white space")]
    [InlineData("x-1.0 -py3-none-any.whl", "white space")]
    [InlineData("x-1.0-py3-none-any.whl\n", "does not end with .whl")]
    [InlineData("x-1.0-abc-py3-none-any.whl", "must start with a digit")]
    [InlineData("x-1.0-py3-none.whl", "5 or 6")]
    public void Pep425_WheelNamesWithEmptyTagsOrWhiteSpaceAreRefused(string fileName, string reason)
    {
        Assert.Null(WheelName.TryParse(fileName, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Pep425_CompressedTagSetsExpandAndLowerCase()
    {
        var wheel = WheelName.TryParse("Foo.Bar-1.0-2x-py2.PY3-none-any.whl", out _)!;
        Assert.Equal("foo-bar", wheel.Name);
        Assert.Equal(2, (int)wheel.BuildNumber!.Value);
        Assert.Equal("x", wheel.BuildSuffix);
        Assert.Equal([new WheelTag("py2", "none", "any"), new WheelTag("py3", "none", "any")], wheel.Tags);
    }

    [Fact]
    public void MarkerEnvironment_CarriesTheProbedGlibcVersion()
    {
        const string json = """
            {"glibc_version": "2.36", "implementation_name": "cpython", "implementation_version": "3.11.2", "os_name": "posix",
             "platform_machine": "x86_64", "platform_python_implementation": "CPython", "platform_release": "6.1.0",
             "platform_system": "Linux", "platform_version": "#1 SMP", "python_full_version": "3.11.2", "python_version": "3.11",
             "sys_platform": "linux"}
            """;
        Assert.Equal("2.36", MarkerEnvironment.FromJson(json).GlibcVersion);
        Assert.Null(MarkerEnvironment.FromJson(json.Replace("2.36", "", StringComparison.Ordinal)).GlibcVersion);
        var error = Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson(json.Replace("\"2.36\"", "\"musl\"", StringComparison.Ordinal), "env.json"));
        Assert.Contains("env.json: glibc_version 'musl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CS_GNU_LIBC_VERSION", MarkerEnvironment.ProbeScript, StringComparison.Ordinal);
    }
}
