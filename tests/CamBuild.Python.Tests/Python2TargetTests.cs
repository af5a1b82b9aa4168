using CamBuild.Python.Distributions;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Tests;

/// <summary>A Python 2.7 target as Debian 11's python2.7 reports itself through the probe (no sys.implementation, linux2).</summary>
[Trait("Category", "unit")]
public sealed class Python2TargetTests
{
    // The probe's output from /usr/bin/python2.7 of a bullseye root filesystem.
    private const string Bullseye27 = """
        {"glibc_version": "2.31", "implementation_name": "", "implementation_version": "0", "os_name": "posix",
         "platform_machine": "x86_64", "platform_python_implementation": "CPython", "platform_release": "6.1.0",
         "platform_system": "Linux", "platform_version": "#1 SMP", "python_full_version": "2.7.18", "python_version": "2.7",
         "sys_platform": "linux2"}
        """;

    [Fact]
    public void The_probe_runs_on_python2_without_sys_implementation()
    {
        Assert.Contains("getattr(sys, 'implementation', None)", MarkerEnvironment.ProbeScript, StringComparison.Ordinal);
        Assert.DoesNotContain("sys.implementation.", MarkerEnvironment.ProbeScript, StringComparison.Ordinal);
        Assert.Contains("else 2", MarkerEnvironment.ProbeScript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_python2_target_accepts_universal_and_cp27mu_wheels_and_refuses_py3_ones()
    {
        var environment = MarkerEnvironment.FromJson(Bullseye27);
        var tags = SupportedTags.For(environment).Select(t => $"{t.Python}-{t.Abi}-{t.Platform}").ToList();

        Assert.Contains("py2-none-any", tags);
        Assert.Contains("cp27-cp27mu-manylinux1_x86_64", tags);
        Assert.Contains("cp27-cp27mu-linux_x86_64", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("py3", StringComparison.Ordinal) || t.Contains("abi3", StringComparison.Ordinal));
        Assert.True(MarkerParser.Parse("python_version < \"3\"").Evaluate(environment));
        Assert.False(MarkerParser.Parse("sys_platform == \"linux\"").Evaluate(environment));
    }
}
