using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Common;
using Xunit.Abstractions;

namespace CamBuild.Deploy.Tests;

/// <summary>Shared set-up for the real-LXC tests: one provider root (templates cached across runs) and helpers.</summary>
internal static class LxcTestEnvironment
{
    public const string Root = "/var/tmp/cambuild-test-lxc";
    public static readonly string StateDirectory = Path.Combine(Root, "state");
    public static readonly LxcProviderOptions Options = new(Root);

    public static EnvironmentDeployer Deployer(ITestOutputHelper output, bool keepFailed = false, int parallelism = 8,
        Action<int, int, string>? progress = null) =>
        new(new LxcNodeProvider(Options), TestCatalog.Load(),
            new DeployOptions(StateDirectory, parallelism, HealthTimeout: TimeSpan.FromSeconds(20), KeepFailed: keepFailed, Progress: progress),
            line => output.WriteLine(line));

    public static EnvironmentSpec Spec(string name, string subnetPrefix, params (string Host, int Octet, string[] Roles)[] nodes) =>
        new(name, "lxc", new NetworkSpec(Config.EnvironmentConfigLoader.DefaultBridgeName(name), $"{subnetPrefix}.0/24", $"{subnetPrefix}.1"),
            nodes.Select(node => new NodeSpec(node.Host, node.Roles, $"{subnetPrefix}.{node.Octet}/24", 1, 256, 1, null)).ToList(),
            new Dictionary<string, string>());

    /// <summary>Asserts that nothing of the environment is left on the host.</summary>
    public static async Task AssertNothingLeftAsync(EnvironmentSpec environment)
    {
        var path = Options.EnvironmentDirectory(environment.Name);
        Assert.False(Directory.Exists(path), $"{path} still exists");
        Assert.False(Directory.Exists($"/sys/class/net/{environment.Network.Bridge}"), $"bridge {environment.Network.Bridge} still exists");
        Assert.False(File.Exists(Path.Combine(StateDirectory, environment.Name + ".json")), "state record still exists");
        Assert.DoesNotContain(await File.ReadAllLinesAsync("/proc/self/mounts"), line => line.Contains(path, StringComparison.Ordinal));
        var running = await ProcessRunner.RunAsync("lxc-ls", ["-P", path, "-1"], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal("", running.StandardOutput.Trim());
    }

    public static async Task<string> ExecAsync(EnvironmentSpec environment, string host, params string[] command)
    {
        var provider = new LxcNodeProvider(Options);
        var node = environment.Nodes.Single(node => node.Hostname == host);
        var result = await provider.ExecAsync(environment, node, command, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} on {host} failed: {result.StandardError}");
        return result.StandardOutput;
    }
}
