using System.Diagnostics;
using System.Globalization;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

public sealed record BenchmarkRun(int Nodes, TimeSpan Elapsed, int ApiCalls, int PeakMutatingCalls)
{
    public double CallsPerNode => (double)ApiCalls / Nodes;
}

public sealed record BenchmarkResult(BenchmarkRun One, BenchmarkRun Many)
{
    public double Ratio => Many.Elapsed / One.Elapsed;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"1 node: {One.Elapsed.TotalSeconds:0.00} s, {One.ApiCalls} API calls ({One.CallsPerNode:0.0}/node); " +
        $"{Many.Nodes} nodes: {Many.Elapsed.TotalSeconds:0.00} s, {Many.ApiCalls} API calls ({Many.CallsPerNode:0.0}/node), " +
        $"peak {Many.PeakMutatingCalls} mutating calls in flight; ratio {Ratio:0.00}x");
}

/// <summary>
/// Deploys 1 and then N nodes (prepare + parallel create/start) against a simulator answering every call after
/// <c>latency</c> and running create tasks for <c>createTask</c>, with the provider's production timings.
/// </summary>
public static class ProxmoxBenchmark
{
    public static async Task<BenchmarkResult> RunAsync(int nodes = 15, int latencyMs = 50, int createTaskMs = 2000)
    {
        await DeployAsync(1, 0, 100).ConfigureAwait(false); // warm-up (JIT, TLS), so the one-node figure is not inflated
        var one = await DeployAsync(1, latencyMs, createTaskMs).ConfigureAwait(false);
        var many = await DeployAsync(nodes, latencyMs, createTaskMs).ConfigureAwait(false);
        return new BenchmarkResult(one, many);
    }

    private static async Task<BenchmarkRun> DeployAsync(int nodes, int latencyMs, int createTaskMs)
    {
        var dir = Directory.CreateTempSubdirectory("cambuild-pve-bench-").FullName;
        try
        {
            await using var sim = await ProxmoxSimulator.StartAsync().ConfigureAwait(false);
            sim.Cluster.CreateDuration = TimeSpan.FromMilliseconds(createTaskMs);
            sim.Latency = TimeSpan.FromMilliseconds(latencyMs);
            var env = TestEnvironment.Environment(sim, nodes);
            var candidate = TestEnvironment.Candidate(dir);
            using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret);
            var clock = Stopwatch.StartNew();
            await provider.PrepareAsync(env, candidate, CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(env.Nodes.Select(n => provider.CreateNodeAsync(env, n, candidate, "digest", CancellationToken.None))).ConfigureAwait(false);
            clock.Stop();
            sim.AssertClean();
            if (sim.Cluster.Containers().Count(c => c.Status == "running") != nodes)
                throw new InvalidOperationException("benchmark deploy did not produce every node");
            return new BenchmarkRun(nodes, clock.Elapsed, sim.Calls, provider.SessionFor(env).Transport.Throttle.Peak);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

[Trait("Category", "Benchmark")]
public sealed class BenchmarkTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Fifteen_nodes_deploy_within_three_times_one_node()
    {
        var result = await ProxmoxBenchmark.RunAsync();
        output.WriteLine(result.ToString());
        Console.WriteLine("ProxmoxBenchmark: " + result);
        Assert.True(result.Ratio <= 3.0, result.ToString());
        Assert.True(result.Many.CallsPerNode < 20, result.ToString());
        Assert.True(result.Many.PeakMutatingCalls <= 3 * 2, "throttle exceeded: " + result);
    }
}
