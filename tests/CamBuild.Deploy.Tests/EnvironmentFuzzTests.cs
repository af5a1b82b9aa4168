using CamBuild.Deploy.Config;
using CamBuild.Fuzzing;
using Xunit.Abstractions;

namespace CamBuild.Deploy.Tests;

/// <summary>10,000 seeded hostile environment files: a spec or a DeployConfigurationException, never a crash or a hang.</summary>
public sealed class EnvironmentFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Environment_yaml()
    {
        var seed = File.ReadAllText(Path.Combine(FindRoot(), "config/environments/local.yaml"));
        var report = Fuzz.Run("environment YAML", 1213, 10_000,
            [seed, "name: x\nprovider: lxc\nnodes: &n\n  - *n\n", "name: a\nname: b\n", "\tname: x\n", "name: [1, {a: b}]\nprovider: 7\nnodes: yes\n"],
            t => EnvironmentConfigLoader.Parse(t, "config/environments/local.yaml"), e => e is DeployConfigurationException);
        output.WriteLine(report.ToString());
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CamBuild.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
