using CamBuild.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CamBuild.Delivery.Config;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.Config;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;
using Xunit.Abstractions;

namespace CamBuild.Delivery.Tests;

/// <summary>
/// benchmarks/deliver.sh: the 15 nodes of config/environments/cam.yaml (as dlv-cam on 10.236.9.0/24) with two real
/// baked candidates A and B (B: katproxy bumped). A -> B by swap against the same change by destroy-then-create
/// (DeployEnvironment), downtime per role from polling every service every 100 ms, and Rollback to A from the kept
/// containers. The candidates' artifacts directories come from DLV_CANDIDATE_A and DLV_CANDIDATE_B (candidate.json).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DeliveryBenchmarkTests(ITestOutputHelper output)
{
    private const string Root = "/var/tmp/cambuild-test-deliver";
    private static readonly string State = Path.Combine(Root, "state");

    [Fact]
    public async Task Cam_sized_rollout_by_swap_against_destroy_then_create_and_rollback_from_kept_containers()
    {
        var a = Candidate("DLV_CANDIDATE_A");
        var b = Candidate("DLV_CANDIDATE_B");
        var roles = TestFiles.SampleRoles();
        var path = TestFiles.Combine("config", "environments", "cam.yaml");
        var yaml = File.ReadAllText(path).Replace("name: cam", "name: dlv-cam", StringComparison.Ordinal)
            .Replace("10.81.0.", "10.236.9.", StringComparison.Ordinal).Replace("bridge: cb-cam", "bridge: cbdlv-cam", StringComparison.Ordinal);
        var environment = EnvironmentConfigLoader.Parse(yaml, "dlv-cam.yaml", roles);
        var settings = RolloutConfigReader.Parse(yaml, "dlv-cam.yaml", roles);
        var provider = new LxcNodeProvider(new LxcProviderOptions(Root));
        var deployer = new EnvironmentDeployer(provider, roles, new DeployOptions(State, MaxParallelism: 8), Log);
        var deliverer = new EnvironmentDeliverer(provider, roles, new DeliveryOptions(State), Log);
        var figures = new StringBuilder();
        await deployer.TeardownAsync(environment, CancellationToken.None);
        RolloutJournal.Delete(State, environment.Name);
        try
        {
            await Timed("deliver A (create 15 nodes)", () => deliverer.DeliverAsync(environment, a, settings, CancellationToken.None), figures);
            await AssertCleanAsync(provider, roles, environment);

            await Measured("A -> B by swap (Deliver)", environment, roles, () => deliverer.DeliverAsync(environment, b, settings, CancellationToken.None), figures);
            await AssertCleanAsync(provider, roles, environment);
            await Measured("B -> A by swap from kept containers (Rollback)", environment, roles,
                () => deliverer.DeliverAsync(environment, a, settings, CancellationToken.None), figures);
            await AssertCleanAsync(provider, roles, environment);
            var all = settings with { MaxUnavailable = new MaxUnavailable(100, true) };
            await Measured("A -> B by swap from kept containers, max_unavailable 100% (emergency Rollback)", environment, roles,
                () => deliverer.DeliverAsync(environment, b, all, CancellationToken.None), figures);
            await Measured("B -> A by destroy-then-create (DeployEnvironment)", environment, roles,
                () => deployer.DeployAsync(environment, a, CancellationToken.None), figures);
            await AssertCleanAsync(provider, roles, environment);
        }
        finally
        {
            await deployer.TeardownAsync(environment, CancellationToken.None);
            RolloutJournal.Delete(State, environment.Name);
        }
        output.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable("DLV_RESULTS") is { Length: > 0 } results) File.WriteAllText(results, figures.ToString());
    }

    private static async Task Timed(string what, Func<Task> action, StringBuilder figures)
    {
        var clock = Stopwatch.StartNew();
        await action();
        figures.Append(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:0.0} s\n");
    }

    private async Task Measured(string what, EnvironmentSpec environment, RoleCatalog roles, Func<Task> action, StringBuilder figures)
    {
        var services = environment.Nodes.SelectMany(node => node.Roles.Select(reference =>
            (Name: $"{RoleReference.Parse(reference).Role} {node.Hostname}", Address: node.Address.Split('/')[0], Port: roles[RoleReference.Parse(reference).Role].Port ?? 0)))
            .Where(service => service.Port > 0).ToList();
        var clock = Stopwatch.StartNew();
        TimeSpan elapsed;
        IReadOnlyDictionary<string, TimeSpan> downtime;
        await using (var probe = new DowntimeProbe(services))
        {
            await Task.Delay(300);
            await action();
            elapsed = clock.Elapsed;
            await Task.Delay(300);
            await probe.DisposeAsync();
            downtime = probe.Longest;
        }
        figures.Append(CultureInfo.InvariantCulture, $"{what}: wall {elapsed.TotalSeconds:0.0} s; longest outage per role:");
        foreach (var role in downtime.GroupBy(pair => pair.Key.Split(' ')[0]).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            figures.Append(CultureInfo.InvariantCulture, $" {role.Key} {role.Max(pair => pair.Value).TotalSeconds:0.0} s (max of {role.Count()});");
        }
        figures.Append('\n');
        output.WriteLine(figures.ToString());
    }

    private static async Task AssertCleanAsync(LxcNodeProvider provider, RoleCatalog roles, EnvironmentSpec environment)
    {
        var status = await new StatusReader(provider, roles, State, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30))
            .ReadAsync(environment, (_, _) => null, CancellationToken.None);
        Assert.True(status.Clean, StatusTable.Render(status));
    }

    private static CandidateRef Candidate(string variable)
    {
        var artifacts = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrEmpty(artifacts), $"set {variable} to the artifacts directory of a baked candidate (benchmarks/deliver.sh does)");
        using var pointer = JsonDocument.Parse(File.ReadAllText(Path.Combine(artifacts!, "candidate.json")));
        var id = pointer.RootElement.GetProperty("id").GetString()!;
        var template = Directory.GetFiles(Path.Combine(artifacts!, "candidates", id), "*.tar.zst").Single();
        return new CandidateRef(CandidateId.Parse(id), template, Sha256.Parse(pointer.RootElement.GetProperty("templateSha256").GetString(), "templateSha256"));
    }

    private void Log(string line)
    {
        if (line.StartsWith("batch", StringComparison.Ordinal) || line.Contains("delivered and healthy", StringComparison.Ordinal)
            || line.Contains("deployed and healthy", StringComparison.Ordinal))
        {
            output.WriteLine(line);
        }
    }
}
