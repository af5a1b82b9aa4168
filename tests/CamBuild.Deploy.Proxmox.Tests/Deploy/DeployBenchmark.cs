using System.Diagnostics;
using System.Globalization;
using CamBuild.Deploy.Proxmox.Tests.Ssh;
using Xunit.Abstractions;

namespace CamBuild.Deploy.Proxmox.Tests.Deploy;

/// <summary>
/// The Proxmox benchmark of issue 16: a whole DeployEnvironment (loader, planner, provider, SSH specialisation through
/// <c>pct exec</c> on a real OpenSSH member, health checks, state record) of 15 nodes against 1 node, with linked clones
/// and with full creates, against the simulator answering every call after 50 ms and running create, clone and
/// template tasks for 2 s each (start/stop 0.1 s), with the provider's production timings. Each run deploys a fresh
/// environment four times (full 1, full 15, linked 1, linked 15); the figures of every run, the median and the worst are
/// printed. Runs: CAMBUILD_BENCH_RUNS (default 10). On demand only: <c>benchmarks/proxmox-deploy.sh</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DeployBenchmarkTests(SshServerFixture fixture, ITestOutputHelper output) : IClassFixture<SshServerFixture>
{
    private const int Many = 15;

    private async Task<(double Seconds, int Calls)> DeployAsync(int nodes, string clone, int latencyMs, int taskMs)
    {
        await using var h = await DeployHarness.StartAsync(nodes, fixture.Server, ("clone", clone));
        h.ProductionTimings = true;
        h.Sim.Latency = TimeSpan.FromMilliseconds(latencyMs);
        h.Sim.Cluster.CreateDuration = h.Sim.Cluster.CloneDuration = h.Sim.Cluster.TemplateDuration = TimeSpan.FromMilliseconds(taskMs);
        var clock = Stopwatch.StartNew();
        var result = await h.DeployAsync();
        clock.Stop();
        Assert.True(result.Applied);
        h.AssertConverged(nodes);
        var linked = h.Sim.Cluster.Containers().Count(c => c.LinkedFrom is not null);
        Assert.Equal(clone == "linked" ? nodes : 0, linked);
        return (clock.Elapsed.TotalSeconds, h.Sim.Calls);
    }

    [Fact]
    public async Task Fifteen_nodes_specialised_and_healthy_within_three_times_one_node_with_and_without_linked_clones()
    {
        var runs = int.TryParse(System.Environment.GetEnvironmentVariable("CAMBUILD_BENCH_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 10;
        await DeployAsync(2, "linked", 0, 100); // warm-up: JIT, TLS, SSH
        var rows = new List<(string Mode, double One, double Many, int CallsMany)>();
        void Print(string line)
        {
            output.WriteLine(line);
            Console.WriteLine("ProxmoxDeployBenchmark: " + line);
        }
        Print($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var run = 1; run <= runs; run++)
        {
            foreach (var mode in new[] { "full", "linked" })
            {
                var one = await DeployAsync(1, mode, 50, 2000);
                var many = await DeployAsync(Many, mode, 50, 2000);
                rows.Add((mode, one.Seconds, many.Seconds, many.Calls));
                Print(string.Create(CultureInfo.InvariantCulture,
                    $"run {run} {mode}: 1 node {one.Seconds:0.00} s; {Many} nodes {many.Seconds:0.00} s ({many.Calls} API calls, {(double)many.Calls / Many:0.0}/node); ratio {many.Seconds / one.Seconds:0.00}x"));
            }
        }
        Print($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var mode in new[] { "full", "linked" })
        {
            var mine = rows.Where(x => x.Mode == mode).ToList();
            var ratios = mine.Select(x => x.Many / x.One).Order().ToList();
            Print(string.Create(CultureInfo.InvariantCulture,
                $"{mode}: 1 node median {Median(mine.Select(x => x.One)):0.00} s, worst {mine.Max(x => x.One):0.00} s; {Many} nodes median {Median(mine.Select(x => x.Many)):0.00} s, " +
                $"worst {mine.Max(x => x.Many):0.00} s; ratio median {Median(ratios):0.00}x, worst {ratios[^1]:0.00}x (goal: worst <= 3x: {(ratios[^1] <= 3 ? "MET" : "NOT MET")})"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
