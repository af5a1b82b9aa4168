using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CamBuild.Deploy.Roles;
using CamBuild.Pipeline.Steps;
using CamBuild.Release.Store;
using Xunit.Abstractions;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// benchmarks/deliver.sh, on demand only (Category Benchmark is never part of Test): what a user runs, measured. The
/// real candidates of <see cref="RealCandidates"/> (A, and B with katsim bumped), the 15 nodes of cam.yaml (as dlvcam on
/// 10.240.1.0/24), and every step a run of the compiled build as its own process (Promote, Deliver, Rollback,
/// DeployEnvironment). Per step: the process's wall time, the rollout's own figure, and the longest outage per role
/// from polling every role's TCP port on every node and both portals' <c>/health</c> every 100 ms. Same run: A -> B by
/// swap against the same change A -> B by destroy-then-create (DeployEnvironment), and Rollback from the kept containers
/// (goal: 15 nodes back and healthy within 10 s), in batches and with max_unavailable 100 %.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection("lxc-real-candidate")]
public sealed class RealCandidateDeliveryBenchmark(RealCandidates candidates, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private const string Staging = RealCandidateRoot.Staging;
    private readonly StringBuilder figures = new();

    [Fact]
    public async Task A_to_B_by_swap_against_destroy_then_create_and_rollback_from_kept_containers()
    {
        var root = candidates.Root;
        figures.Append(CultureInfo.InvariantCulture, $"{candidates.Log}\n");
        await Run(root, "Teardown", "--environment", RealCandidateRoot.EnvironmentName);
        try
        {
            await Run(root, "Promote", "--skip", "--channel", Staging, "--environment", RealCandidateRoot.EnvironmentName, "--candidate", candidates.A.Id);
            await Measured(root, "Deliver A: create 15 nodes", "Deliver", "--channel", Staging);
            var releaseA = new ReleaseStore(root.Paths.Releases).Current(Staging)!.Release;
            await Run(root, "Promote", "--skip", "--channel", Staging, "--environment", RealCandidateRoot.EnvironmentName, "--candidate", candidates.B.Id);
            var releaseB = new ReleaseStore(root.Paths.Releases).Current(Staging)!.Release;

            await Measured(root, "A -> B by swap (Deliver, max_unavailable 20 %)", "Deliver", "--channel", Staging);
            await Measured(root, "B -> A from the kept containers (Rollback, 20 %)", "Rollback", "--channel", Staging, "--to", releaseA);
            var original = File.ReadAllText(root.EnvironmentFile);
            File.WriteAllText(root.EnvironmentFile, original.Replace("max_unavailable: 20%", "max_unavailable: 100%", StringComparison.Ordinal));
            try
            {
                await Measured(root, "A -> B from the kept containers (Rollback, max_unavailable 100 %)", "Rollback", "--channel", Staging, "--to", releaseB);
                await Measured(root, "B -> A from the kept containers (Rollback, max_unavailable 100 %)", "Rollback", "--channel", Staging, "--to", releaseA);
            }
            finally
            {
                File.WriteAllText(root.EnvironmentFile, original);
            }
            await Measured(root, "A -> B by destroy-then-create (DeployEnvironment)", "DeployEnvironment", "--skip", "--environment",
                RealCandidateRoot.EnvironmentName, "--candidate", candidates.B.Id);
        }
        finally
        {
            await Run(root, "Teardown", "--environment", RealCandidateRoot.EnvironmentName);
        }
        output.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable("DLV_RESULTS") is { Length: > 0 } results)
        {
            File.WriteAllText(results, figures.ToString());
        }
    }

    private static async Task Run(RealCandidateRoot root, params string[] arguments)
    {
        using var run = await root.RunAsync(Limit, arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private async Task Measured(RealCandidateRoot root, string what, params string[] arguments)
    {
        var spec = root.Spec;
        var roles = Environments.Roles(root.Paths);
        var services = spec.Nodes.SelectMany(node => node.Roles.Select(reference =>
                (Name: $"{RoleReference.Parse(reference).Role} {node.Hostname}", Address: node.Address.Split('/')[0],
                    Port: roles[RoleReference.Parse(reference).Role].Port ?? 0)))
            .Where(service => service.Port > 0).ToList();
        var health = spec.Nodes.Where(node => node.Roles.Any(reference => RoleReference.Parse(reference).Role == "portal"))
            .Select(node => (Name: $"portal/health {node.Hostname}", Health: new Uri($"http://{node.Address.Split('/')[0]}:8080/health"))).ToList();
        var clock = Stopwatch.StartNew();
        BuildProcess run;
        IReadOnlyDictionary<string, TimeSpan> downtime;
        await using (var probe = new DowntimeProbe(services, health))
        {
            await Task.Delay(300);
            clock.Restart();
            run = await root.RunAsync(Limit, arguments);
            clock.Stop();
            await Task.Delay(300);
            await probe.DisposeAsync();
            downtime = probe.Longest;
        }
        using (run)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            var inside = Regex.Match(run.Output, @"(?:delivered|deployed) and healthy in ([0-9.]+) s");
            var batches = Regex.Match(run.Output, @"rollout: (\d+) batch\(es\)");
            var healthy = Regex.Match(run.Output, @"every changed node healthy ([0-9.]+) s after the first stop");
            figures.Append(CultureInfo.InvariantCulture,
                $"{what}: process wall {clock.Elapsed.TotalSeconds:0.0} s; {(inside.Success ? $"rollout itself {inside.Groups[1].Value} s" : "no rollout figure")}" +
                $"{(batches.Success ? $", {batches.Groups[1].Value} batch(es)" : "")}" +
                $"{(healthy.Success ? $", every changed node healthy {healthy.Groups[1].Value} s after the first stop" : "")}; longest outage per role:");
        }
        foreach (var role in downtime.GroupBy(pair => pair.Key.Split(' ')[0]).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            figures.Append(CultureInfo.InvariantCulture, $" {role.Key} {role.Max(pair => pair.Value).TotalSeconds:0.0} s (max of {role.Count()});");
        }
        figures.Append('\n');
        output.WriteLine(figures.ToString());
    }
}
