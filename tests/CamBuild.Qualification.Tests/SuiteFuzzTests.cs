using CamBuild.Fuzzing;
using CamBuild.Qualification.Suites;
using Xunit.Abstractions;

namespace CamBuild.Qualification.Tests;

/// <summary>10,000 seeded hostile suites files: a suite set or a SuiteConfigurationException, never a crash or a hang.</summary>
public sealed class SuiteFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Suites_yaml()
    {
        var report = Fuzz.Run("suites YAML", 1212, 10_000,
            ["format: 1\nsuites:\n  - name: node-health\n    kind: integration\n    runs_on: role:*\n    for_each_node: true\n    command: [\"{python}\", \"{root}/run.py\", \"--junit\", \"{junit}\"]\n    timeout: 2m\n    junit: health.xml\n",
             "suites:\n  - {name: a, kind: acceptance, runs_on: host, command: [sh, -c, 'true'], timeout: 1m30s, junit: j.xml}\n",
             "x: &a [*a]\n", "suites: &s\n  - *s\n", "\tsuites: 1\n", "suites: []\nsuites: []\n"],
            t => SuiteLoader.Parse(t, "config/qualification/suites.yaml", root.Path), e => e is SuiteConfigurationException);
        output.WriteLine(report.ToString());
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
    }
}
