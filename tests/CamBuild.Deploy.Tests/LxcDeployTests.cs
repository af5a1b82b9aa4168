using System.Text.Json;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.State;
using Xunit.Abstractions;
using static CamBuild.Deploy.Tests.LxcTestEnvironment;

namespace CamBuild.Deploy.Tests;

[Trait("Category", "integration")]
[Collection("lxc")]
[Trait("Category", "integration")]
public sealed class LxcDeployTests(TestCandidateFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Deploy_redeploy_change_one_node_and_tear_down()
    {
        var spec = Spec("it-life", "10.231.1", ("web1", 11, ["web"]), ("api1", 12, ["api"]), ("api2", 13, ["api:api2"]));
        var progress = new System.Collections.Concurrent.ConcurrentQueue<(int Done, int Total, string What)>();
        var deployer = Deployer(output, progress: (done, total, what) => progress.Enqueue((done, total, what)));
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            var first = await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
            Assert.True(first.Applied);
            Assert.Equal(3, first.Plan.Count(NodeAction.Create));
            // Progress per node: three specialised, then three healthy, each series counting 1..3.
            var reports = progress.ToList();
            Assert.Equal([1, 2, 3], reports.Where(r => r.What.EndsWith(" specialised", StringComparison.Ordinal)).Select(r => r.Done));
            Assert.Equal([1, 2, 3], reports.Where(r => r.What.EndsWith(" healthy", StringComparison.Ordinal)).Select(r => r.Done));
            Assert.All(reports, r => Assert.Equal(3, r.Total));

            // Services answer across nodes: from the host over the bridge, and node to node by hostname.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var site = await http.GetStringAsync(new Uri("http://10.231.1.11:8080/site.json"));
            Assert.Contains("\"site\": \"it-life\"", site, StringComparison.Ordinal);
            var node = await ExecAsync(spec, "api2", "python3", "-c",
                "import urllib.request; print(urllib.request.urlopen('http://web1:8080/node.json').read().decode())");
            Assert.Contains("\"hostname\": \"web1\"", node, StringComparison.Ordinal);

            var again = await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
            Assert.False(again.Applied);
            Assert.True(again.Plan.UpToDate);
            Assert.Contains("Nothing to do", PlanTable.Render(again.Plan), StringComparison.Ordinal);

            await ExecAsync(spec, "web1", "touch", "/root/still-here");
            await ExecAsync(spec, "api2", "touch", "/root/still-here");
            var changed = spec with { Nodes = spec.Nodes.Select(n => n.Hostname == "api2" ? n with { Roles = ["api:api2", "web:web2"] } : n).ToList() };
            var third = await deployer.DeployAsync(changed, fixture.Candidate, CancellationToken.None);
            Assert.Equal(["keep", "keep", "replace"], third.Plan.Nodes.Select(n => n.Action.ToString().ToLowerInvariant()));
            Assert.Equal("roles api:api2 -> api:api2,web:web2", third.Plan.Nodes[2].Reason);
            Assert.Contains("/root/still-here", await ExecAsync(changed, "web1", "ls", "/root/still-here"), StringComparison.Ordinal);
            Assert.Equal("", (await ExecAsync(changed, "api2", "ls", "/root")).Trim());
            Assert.Contains("web:web2", await ExecAsync(changed, "web1", "cat", "/etc/cam/site.json"), StringComparison.Ordinal);
            await http.GetStringAsync(new Uri("http://10.231.1.13:8080/node.json"));
            Assert.NotEqual(first.State!.Nodes[2].Fingerprint, third.State!.Nodes[2].Fingerprint);
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
        await AssertNothingLeftAsync(spec);
    }

    [Fact]
    public async Task A_failing_node_in_a_fresh_environment_rolls_everything_back()
    {
        var spec = Spec("it-fail", "10.231.2", ("web1", 11, ["web"]), ("bad1", 12, ["broken"]));
        var deployer = Deployer(output);
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            var failure = await Assert.ThrowsAsync<DeployFailedException>(() => deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None));

            output.WriteLine(failure.Message);
            var node = Assert.Single(failure.Failures);
            Assert.Equal(("bad1", "health of role 'broken:broken'"), (node.Hostname, node.Step));
            Assert.Contains("journal: broken: cannot open /etc/cam/missing.conf", node.LogLines);
            Assert.StartsWith("the service failed: cam-broken-broken.service is failed", node.Problem, StringComparison.Ordinal);
            Assert.Contains("rolled back the 2 node(s)", failure.Message, StringComparison.Ordinal);
            await AssertNothingLeftAsync(spec);
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failing_node_added_to_a_live_environment_leaves_its_previous_state_intact()
    {
        var spec = Spec("it-live", "10.231.3", ("web1", 11, ["web"]), ("api1", 12, ["api"]));
        var deployer = Deployer(output);
        var store = new EnvironmentStateStore(StateDirectory);
        await deployer.TeardownAsync(spec, CancellationToken.None);
        try
        {
            await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
            var before = await File.ReadAllTextAsync(store.PathOf(spec.Name));
            var withBadNode = Spec("it-live", "10.231.3", ("web1", 11, ["web"]), ("api1", 12, ["api"]), ("bad1", 13, ["broken"]));

            var failure = await Assert.ThrowsAsync<DeployFailedException>(() =>
                deployer.DeployAsync(withBadNode, fixture.Candidate, CancellationToken.None));

            Assert.Equal("bad1", Assert.Single(failure.Failures).Hostname);
            Assert.Equal(before, await File.ReadAllTextAsync(store.PathOf(spec.Name)));
            Assert.False(Directory.Exists(Path.Combine(Options.EnvironmentDirectory(spec.Name), "bad1")));
            var plan = await deployer.PlanAsync(spec, fixture.Candidate, CancellationToken.None);
            Assert.True(plan.UpToDate, PlanTable.Render(plan));
            await ExecAsync(spec, "api1", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://web1:8080/')");
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
        await AssertNothingLeftAsync(spec);
    }

    [Fact]
    public async Task Two_fresh_deploys_of_the_same_candidate_and_configuration_have_equal_fingerprints()
    {
        var spec = Spec("it-fp", "10.231.4", ("web1", 11, ["web"]), ("api1", 12, ["api"]), ("both", 13, ["web:w2", "api:a2"]));
        var deployer = Deployer(output);
        await deployer.TeardownAsync(spec, CancellationToken.None);
        var fingerprints = new List<string[]>();
        try
        {
            for (var run = 0; run < 2; run++)
            {
                var result = await deployer.DeployAsync(spec, fixture.Candidate, CancellationToken.None);
                fingerprints.Add(result.State!.Nodes.Select(node => node.Fingerprint).ToArray());
                await deployer.TeardownAsync(spec, CancellationToken.None);
            }
        }
        finally
        {
            await deployer.TeardownAsync(spec, CancellationToken.None);
        }
        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.Equal(3, fingerprints[0].Distinct().Count());
        await AssertNothingLeftAsync(spec);
    }

    [Fact]
    public async Task Plan_only_changes_nothing_and_a_held_lock_refuses_a_second_deploy()
    {
        var spec = Spec("it-plan", "10.231.5", ("web1", 11, ["web"]));
        var planOnly = new EnvironmentDeployer(new Local.LxcNodeProvider(Options), TestCatalog.Load(),
            new DeployOptions(StateDirectory, PlanOnly: true), line => output.WriteLine(line));

        var result = await planOnly.DeployAsync(spec, fixture.Candidate, CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Equal(NodeAction.Create, Assert.Single(result.Plan.Nodes).Action);
        using (EnvironmentLock.Acquire(StateDirectory, spec.Name))
        {
            var locked = await Assert.ThrowsAsync<EnvironmentLockedException>(() => Deployer(output).DeployAsync(spec, fixture.Candidate, CancellationToken.None));
            Assert.Contains("environment 'it-plan' is being deployed or torn down by another process", locked.Message, StringComparison.Ordinal);
        }
        await AssertNothingLeftAsync(spec);
        _ = JsonSerializer.Serialize(result.Plan);
    }
}
