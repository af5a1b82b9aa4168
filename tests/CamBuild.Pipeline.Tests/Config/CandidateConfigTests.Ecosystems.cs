using CamBuild.Pipeline.Config;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Tests.Config;

/// <summary>python_environments with their own interpreter, install layout and constraints (issue 18).</summary>
[Trait("Category", "unit")]
public sealed partial class CandidateConfigTests
{
    /// <summary>config/candidate.yaml with these python_environments (from line 6 on, so errors keep their lines).</summary>
    private void WriteCandidate(string suite, string osPackage, string environments) =>
        _root.Write(CandidateConfig.RelativePath,
            $"name: cam\nversion: \"1.0\"\ndebian: {{suite: {suite}, architecture: amd64}}\nos_packages: [{osPackage}]\npython_environments:\n{environments}\n");

    private BuildInputException Refused(string suite, string environments)
    {
        WriteCandidate(suite, "python3", environments);
        return Assert.Throws<BuildInputException>(() => CandidateConfig.Load(_root.Path, Leaves));
    }

    [Fact]
    public void Two_ecosystems_on_bullseye_get_their_interpreters_and_debian_packages()
    {
        _root.Write("config/constraints-py27.txt", "tornado<5\n");
        WriteCandidate("bullseye", "systemd-sysv", """
              - {name: cam, path: /opt/cam/venv, leaves: [katcomp]}
              - {name: legacy, interpreter: python2.7, site_wide: true, constraints: config/constraints-py27.txt, leaves: [katcp]}
            """);

        var candidate = CandidateConfig.Load(_root.Path, Leaves);

        var cam = candidate.PythonEnvironments[0];
        Assert.Equal(("python3", false, "/opt/cam/venv", (string?)null), (cam.Interpreter, cam.SiteWide, cam.Path, cam.Constraints));
        var legacy = candidate.PythonEnvironments[1];
        Assert.Equal(("python2.7", true, "/usr/local", "config/constraints-py27.txt"), (legacy.Interpreter, legacy.SiteWide, legacy.Path, legacy.Constraints));
        Assert.Equal(["python3", "python2.7"], candidate.Interpreters);
        Assert.Equal(["systemd-sysv", "python3", "python3-venv", "python2.7", "python-pip-whl"], candidate.AllOsPackages);
        Assert.Null(candidate.PythonEnvironments[0].ConstraintsFile(_root.Path));
        _root.Write(CandidateConfig.DefaultConstraints, "");
        Assert.Equal(CandidateConfig.DefaultConstraints, candidate.PythonEnvironments[0].ConstraintsFile(_root.Path));
        Assert.Equal("config/constraints-py27.txt", legacy.ConstraintsFile(_root.Path));
    }

    [Fact]
    public void Bad_interpreters_are_reported_with_line_and_fix()
    {
        var error = Refused("bookworm", """
              - {name: cam, path: /opt/cam/venv, leaves: [katcomp]}
              - name: legacy
                interpreter: python2.7
                site_wide: true
                leaves: [katcp]
              - {name: venv27, interpreter: python2.7, path: /opt/old, leaves: [katcp]}
              - {name: odd, interpreter: py3, path: /opt/odd, leaves: [katcp]}
              - {name: cam, interpreter: python2, path: /opt/x, constraints: config/none.txt, leaves: [katcp]}
            """);

        Assert.Equal("""
            config/candidate.yaml:8:18: Debian bookworm ships no python2.7 (it has python3.11); python2.7 comes with buster, bullseye: set debian.suite to one of them.
            config/candidate.yaml:11:33: Debian bookworm ships no python2.7 (it has python3.11); python2.7 comes with buster, bullseye: set debian.suite to one of them.
            config/candidate.yaml:12:30: 'interpreter' must name a Debian interpreter such as python3, python3.9 or python2.7, not 'py3'.
            config/candidate.yaml:13:12: a second python environment named 'cam': each needs its own name (it names its lock directory).
            config/candidate.yaml:13:30: 'interpreter: python2' is not a Debian interpreter name; write python2.7.
            config/candidate.yaml:13:66: constraints file 'config/none.txt' does not exist in the repository; create it or remove the key.
            """.ReplaceLineEndings("\n"), error.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Python2_without_site_wide_is_refused_because_it_has_no_venv()
    {
        var error = Refused("bullseye", """
              - {name: legacy, interpreter: python2.7, path: /opt/legacy, leaves: [katcp]}
              - {name: a, interpreter: python3.9, site_wide: true, leaves: [katcp]}
              - {name: b, interpreter: python3.9, site_wide: true, leaves: [katcomp]}
            """);

        Assert.Contains("config/candidate.yaml:6:33: python2.7 has no venv module: add 'site_wide: true'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 site-wide environments for python3.9 (a, b)", error.Message, StringComparison.Ordinal);
    }
}
