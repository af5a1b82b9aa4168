using System.Diagnostics;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Tests.Benchmarks;

/// <param name="ParallelSeconds">Fresh deploy, nodes created/started/checked concurrently, until every node is healthy.</param>
/// <param name="SequentialSeconds">The same deploy with one node at a time, measured in the same run.</param>
public sealed record DeployBenchmarkResult(string Environment, int Nodes, int Parallelism, double ParallelSeconds, double SequentialSeconds)
{
    public double Speedup => SequentialSeconds / ParallelSeconds;

    public override string ToString() =>
        $"{Environment}: {Nodes} nodes deployed and healthy in {ParallelSeconds:0.00} s with parallelism {Parallelism} " +
        $"vs {SequentialSeconds:0.00} s sequentially (x{Speedup:0.0})";
}

/// <summary>
/// Measures a fresh deploy of an environment to healthy, parallel against sequential, tearing down after each.
/// The template is extracted before timing (a one-time cost per candidate, not per deploy).
/// </summary>
public sealed class DeployBenchmark(INodeProvider provider, RoleCatalog catalog, string stateDirectory, Action<string>? log = null)
{
    public async Task<DeployBenchmarkResult> RunAsync(EnvironmentSpec environment, CandidateRef candidate, int parallelism,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var warmup = new EnvironmentDeployer(provider, catalog, new DeployOptions(stateDirectory));
        await warmup.TeardownAsync(environment, cancellationToken).ConfigureAwait(false);
        await provider.PrepareAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
        var parallel = await TimeAsync(environment, candidate, parallelism, cancellationToken).ConfigureAwait(false);
        var sequential = await TimeAsync(environment, candidate, 1, cancellationToken).ConfigureAwait(false);
        var result = new DeployBenchmarkResult(environment.Name, environment.Nodes.Count, parallelism, parallel, sequential);
        log?.Invoke(result.ToString());
        return result;
    }

    /// <summary>An environment of <paramref name="count"/> nodes in 10.x.y.0/24, roles assigned round-robin.</summary>
    public static EnvironmentSpec Synthetic(string name, int count, string subnetPrefix, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 200);
        var nodes = Enumerable.Range(0, count).Select(index => new NodeSpec($"node{index + 1:00}", [roles[index % roles.Count]],
            $"{subnetPrefix}.{index + 11}/24", 1, 256, 1, null)).ToList();
        return new EnvironmentSpec(name, "lxc", new NetworkSpec(Config.EnvironmentConfigLoader.DefaultBridgeName(name),
            $"{subnetPrefix}.0/24", $"{subnetPrefix}.1"), nodes, new Dictionary<string, string>());
    }

    private async Task<double> TimeAsync(EnvironmentSpec environment, CandidateRef candidate, int parallelism, CancellationToken cancellationToken)
    {
        var deployer = new EnvironmentDeployer(provider, catalog,
            new DeployOptions(stateDirectory, parallelism, HealthTimeout: TimeSpan.FromSeconds(120)));
        try
        {
            var clock = Stopwatch.StartNew();
            await deployer.DeployAsync(environment, candidate, cancellationToken).ConfigureAwait(false);
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await deployer.TeardownAsync(environment, cancellationToken).ConfigureAwait(false);
        }
    }
}
