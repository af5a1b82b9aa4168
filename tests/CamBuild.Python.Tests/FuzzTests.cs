using CamBuild.Fuzzing;
using CamBuild.Python.Distributions;
using CamBuild.Python.Index;
using CamBuild.Python.Locks;
using CamBuild.Python.Markers;
using CamBuild.Python.Requirements;
using CamBuild.Python.Versions;
using Xunit.Abstractions;

namespace CamBuild.Python.Tests;

/// <summary>10,000 seeded hostile inputs per parser: no crash, no hang, every rejection a PythonPackagingException with a message.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;

    private static bool Rejection(Exception e) => e is PythonPackagingException;

    private void Check(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
    }

    [Fact]
    public void Pep440_versions() => Check(Fuzz.Run("PEP 440 version", 440, Cases,
        ["1.0", "1.0.post1", "2!1.0rc1.dev3+local.7", "v1.2.3-alpha.4", "1.0a1", "0.9.1.dev0", "1_0-Post_2", "1.0+ubuntu-1"],
        t => PythonVersion.Parse(t), Rejection));

    [Fact]
    public void Pep440_specifiers() => Check(Fuzz.Run("PEP 440 specifier set", 4401, Cases,
        [">=1.0,<2", "~=1.4.2", "==1.*", "!=1.3.4.*", "===foo", ">1.0.dev0", "<=2!3.0", ""],
        t => SpecifierSet.Parse(t), Rejection));

    [Fact]
    public void Pep508_requirements() => Check(Fuzz.Run("PEP 508 requirement", 508, Cases,
        ["katcp>=0.9,<1", "tornado[extra1,extra2] (>=4.3) ; python_version < '3.8'", "name @ https://example/x.whl",
         "a.b-c_d==1.0; sys_platform == 'linux' and (extra == 'test' or platform_machine != \"arm\")", "ply"],
        t => Requirement.Parse(t), Rejection));

    [Fact]
    public void Pep508_markers()
    {
        var environment = MarkerEnvironment.ForCPythonOnLinux("3.11.2");
        Check(Fuzz.Run("PEP 508 marker", 5081, Cases,
            ["python_version >= '3.8'", "os_name == 'posix' and (platform_machine == 'x86_64' or extra == \"dev\")",
             "'linux' in sys_platform", "python_full_version ~= '3.11.0'", "implementation_name not in 'pypy jython'"],
            t => MarkerParser.Parse(t).Evaluate(environment, "dev"), Rejection));
    }

    [Fact]
    public void Wheel_and_sdist_file_names() => Check(Fuzz.Run("wheel/sdist file name", 427, Cases,
        ["katcp-0.9.3-py3-none-any.whl", "tornado-6.4-cp38-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
         "numpy-1.26.0-1build-cp311-cp311-linux_x86_64.whl", "katcp-0.9.3.tar.gz", "katcp-codec-0.2.1.zip"],
        t => DistributionFileName.TryParse(new DistributionFile("katcp", t, new Uri("http://127.0.0.1/x"), new string('a', 64), null, null, true)),
        Rejection));

    [Fact]
    public void Requirements_lock_read_back() => Check(Fuzz.Run("requirements.txt lock", 1001, Cases,
        [$"katcp==0.9.3 \\\n    --hash=sha256:{new string('a', 64)}\n    # via -r leaves\n", $"# header\ntornado==6.4 --hash=sha256:{new string('b', 64)}\n"],
        t => RequirementsLockParser.Parse(t, "artifacts/locks/local/requirements.txt"), Rejection));

    [Fact]
    public void Pylock_toml_read_back() => Check(Fuzz.Run("pylock.toml (TOML)", 751, Cases,
        [$"lock-version = \"1.0\"\ncreated-by = \"cambuild\"\n\n[[packages]]\nname = \"katcp\"\nversion = \"0.9.3\"\n\n[[packages.wheels]]\nname = \"katcp-0.9.3-py3-none-any.whl\"\nurl = \"http://127.0.0.1:8765/files/katcp/katcp-0.9.3-py3-none-any.whl\"\nhashes = {{ sha256 = \"{new string('a', 64)}\" }}\n",
         "a = [1, 2, {x = 'y'}]\n[t]\nb.c = 1979-05-27T07:32:00Z\n"],
        t => PylockParser.Parse(t, "artifacts/locks/local/pylock.toml"), Rejection));
}
