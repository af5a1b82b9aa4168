using CamBuild.Python.Markers;
using CamBuild.Python.Tests.Support;

namespace CamBuild.Python.Tests;

public sealed class MarkerTests
{
    private static readonly MarkerEnvironment Debian = Sarao.Debian;
    private static readonly MarkerEnvironment Python38 = MarkerEnvironment.ForCPythonOnLinux("3.8.18");

    [Theory]
    [InlineData("python_full_version<=\"3.11.2\"", true, false)]
    [InlineData("python_version > \"3\"", true, true)]
    [InlineData("python_version < \"3\"", false, false)]
    [InlineData("python_version >= '3.9' and python_version < '3.12'", true, true)]
    [InlineData("python_version == \"3.11\"", true, true)]
    [InlineData("python_version == \"3.11.*\"", true, true)]
    [InlineData("python_version ~= \"3.10\"", true, true)]
    [InlineData("platform_system == 'Windows'", false, false)]
    [InlineData("sys_platform == \"win32\" or sys_platform == \"linux\"", true, true)]
    [InlineData("(sys_platform == \"win32\" and python_version == \"2.7\") and extra == \"socks\"", false, false)]
    [InlineData("'linux' in sys_platform", true, true)]
    [InlineData("'arm' not in platform_machine", true, true)]
    [InlineData("\"3.12\" > python_version", true, true)]
    [InlineData("implementation_name == \"cpython\" and platform_python_implementation == 'CPython'", true, true)]
    [InlineData("os_name == \"posix\" and platform_machine == \"x86_64\"", true, true)]
    [InlineData("platform_release >= \"6\"", true, true)]
    public void EvaluatesForTheTargetInterpreter(string marker, bool on3112, bool on3117)
    {
        var expression = MarkerParser.Parse(marker);
        Assert.Equal(on3112, expression.Evaluate(Sarao.Debian));
        Assert.Equal(on3117, expression.Evaluate(Sarao.Pyenv));
    }

    [Theory]
    [InlineData("python_version < \"3.9\"", false, true)]
    [InlineData("python_version < '3.12'", true, true)]
    [InlineData("python_version<\"3.8\"", false, false)]
    public void DiffersBetweenPythonVersions(string marker, bool on311, bool on38)
    {
        var expression = MarkerParser.Parse(marker);
        Assert.Equal(on311, expression.Evaluate(Debian));
        Assert.Equal(on38, expression.Evaluate(Python38));
    }

    [Theory]
    [InlineData("extra == \"rdb\"", "rdb", true)]
    [InlineData("extra == \"rdb\"", null, false)]
    [InlineData("extra == 'use_chardet_on_py3'", "use-chardet-on-py3", true)]
    [InlineData("extra == \"Test.Numba\"", "test-numba", true)]
    [InlineData("extra != \"doc\"", "test", true)]
    public void ComparesExtrasNormalised(string marker, string? extra, bool expected)
    {
        var expression = MarkerParser.Parse(marker);
        Assert.True(expression.MentionsExtra);
        Assert.Equal(expected, expression.Evaluate(Debian, extra));
    }

    [Theory]
    [InlineData("python_version >", "ends where a variable")]
    [InlineData("python_version = \"3\"", "unexpected character '='")]
    [InlineData("python_version \"3\"", "not a marker operator")]
    [InlineData("os.nam == \"posix\"", "not a PEP 508 marker variable")]
    [InlineData("python_version == \"3.11", "not closed")]
    [InlineData("(python_version == \"3.11\"", "'(' is not closed")]
    [InlineData("\"a\" == \"b\"", "one variable with one quoted string")]
    [InlineData("python_version == \"3\" xor os_name == \"posix\"", "unexpected 'xor'")]
    [InlineData("python_version == \"3\" & os_name", "unexpected character '&'")]
    public void RejectsBadMarkers(string marker, string reason)
    {
        var error = Assert.Throws<PythonPackagingException>(() => MarkerParser.Parse(marker));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(marker, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompatibleOperatorOnNonVersionsIsAnError()
    {
        var error = Assert.Throws<PythonPackagingException>(() => MarkerParser.Parse("sys_platform ~= \"linux\"").Evaluate(Debian));
        Assert.Contains("needs PEP 440 versions", error.Message, StringComparison.Ordinal);
    }
}
