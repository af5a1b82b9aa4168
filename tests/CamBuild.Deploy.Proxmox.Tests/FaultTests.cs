using CamBuild.Deploy.Proxmox.Provider;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>Each injected fault either recovers or fails with a clear message, and never leaves a container behind.</summary>
public sealed class FaultTests : IDisposable
{
    private const string CreatePath = "^/nodes/[^/]+/lxc$";
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(ProxmoxSimulator Sim, ProxmoxNodeProvider Provider, Model.EnvironmentSpec Env, Model.CandidateRef Candidate)> StartAsync(
        int nodes = 2, Func<int, string?>? placement = null)
    {
        var sim = await ProxmoxSimulator.StartAsync();
        var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        var env = TestEnvironment.Environment(sim, nodes, placement: placement);
        var candidate = TestEnvironment.Candidate(_dir);
        await provider.PrepareAsync(env, candidate, CancellationToken.None);
        return (sim, provider, env, candidate);
    }

    private static Task DeployAsync(ProxmoxNodeProvider provider, Model.EnvironmentSpec env, Model.CandidateRef candidate) =>
        Task.WhenAll(env.Nodes.Select(n => provider.CreateNodeAsync(env, n, candidate, "d", CancellationToken.None)));

    [Fact]
    public async Task Lock_contention_and_595_are_retried_until_they_clear()
    {
        var (sim, provider, env, candidate) = await StartAsync();
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Faults.FailRequests("POST", CreatePath, 1, 500, "CT is locked (backup)");
        sim.Cluster.Faults.FailRequests("POST", CreatePath, 1, 500, "can't lock file '/run/lock/lxc/pve-config-100.lock' - got timeout");
        sim.Cluster.Faults.FailRequests("POST", "/status/start$", 2, 595, "Errors during connection establishment, proxy handshake");
        sim.Cluster.Faults.FailRequests("GET", "/tasks/.*/status$", 2, 500, "internal error");
        await DeployAsync(provider, env, candidate);
        // Each refused create was tried again: two refusals plus one successful create per container.
        Assert.Equal(2 + 2, sim.Requests.Count(r => r.Method == "POST" && r.Template == "/nodes/{node}/lxc"));
        Assert.Equal(2, sim.Cluster.Containers().Count);
        Assert.All(sim.Cluster.Containers(), c => Assert.Equal("running", c.Status));
        sim.AssertClean();
    }

    [Fact]
    public async Task Create_answered_with_500_after_it_happened_is_adopted_not_duplicated()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Faults.FailAfterHandling("POST", CreatePath, 1, 500, "proxy loop detected - got timeout");
        await DeployAsync(provider, env, candidate);
        var only = Assert.Single(sim.Cluster.Containers());
        Assert.Equal("running", only.Status);
        sim.AssertClean();
    }

    [Fact]
    public async Task Failed_create_task_reports_its_log_and_leaves_nothing()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Faults.FailTasks("vzcreate", 1, "unable to create CT 100 - command 'lxc-usernsexec -m u:0:100000:65536 -- tar xpf - --zstd' failed: exit code 2",
            "tar: ./dev/console: Cannot mknod: Operation not permitted");
        var error = await Assert.ThrowsAsync<ProxmoxNodeException>(() => DeployAsync(provider, env, candidate));
        Assert.Contains("creating node 'cam-node01'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cannot mknod: Operation not permitted", error.Message, StringComparison.Ordinal);
        Assert.Contains("TASK ERROR: unable to create CT 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(sim.Cluster.Containers());
        sim.AssertClean();
    }

    [Fact]
    public async Task Container_that_cannot_start_is_removed_and_reported()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Member("pve1").Bridges.Clear();
        var error = await Assert.ThrowsAsync<ProxmoxNodeException>(() => DeployAsync(provider, env, candidate));
        Assert.Contains("did not start", error.Message, StringComparison.Ordinal);
        Assert.Contains("bridge 'vmbr0' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Empty(sim.Cluster.Containers());
        sim.AssertClean();
    }

    [Fact]
    public async Task Member_that_goes_away_fails_clearly_or_is_skipped()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 2, placement: i => i == 1 ? "pve2" : null);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.TakeOffline("pve2");
        await provider.CreateNodeAsync(env, env.Nodes[1], candidate, "d", CancellationToken.None);
        Assert.Equal("pve1", Assert.Single(sim.Cluster.Containers()).Member);
        var error = await Assert.ThrowsAsync<ProxmoxNodeException>(() => provider.CreateNodeAsync(env, env.Nodes[0], candidate, "d", CancellationToken.None));
        Assert.Contains("'pve2', which is not online", error.Message, StringComparison.Ordinal);
        Assert.Single(sim.Cluster.Containers());
        sim.AssertClean();
    }

    [Fact]
    public async Task Member_lost_during_create_gives_up_with_595_and_no_orphan()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Faults.FailRequests("POST", CreatePath, 100, 595, "Errors during connection establishment, proxy handshake");
        var error = await Assert.ThrowsAsync<ProxmoxNodeException>(() => DeployAsync(provider, env, candidate));
        Assert.Contains("595", error.Message, StringComparison.Ordinal);
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
        Assert.Empty(sim.Cluster.Containers());
        sim.AssertClean();
    }

    [Fact]
    public async Task Vmid_race_with_another_client_retries_with_a_new_id()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.AddForeignContainer(100, "pve3", "not-ours");
        sim.Cluster.StaleNextIdAnswers = 1;
        await DeployAsync(provider, env, candidate);
        Assert.Equal([100, 101], sim.Cluster.Containers().Select(c => c.Vmid));
        Assert.Equal("not-ours", sim.Cluster.Containers()[0].Config["hostname"]);
        Assert.Contains(sim.Requests, r => r.Template == "/nodes/{node}/lxc" && r.Parameters["vmid"] == "100");
        sim.AssertClean();
    }

    [Fact]
    public async Task Slow_tasks_and_warnings_succeed()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 2);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.CreateDuration = TimeSpan.FromSeconds(1.5);
        sim.Cluster.Faults.FailTasks("vzcreate", 1, "WARNINGS: 1", "WARN: Systemd 257 detected. You may need to enable nesting.");
        await DeployAsync(provider, env, candidate);
        Assert.Equal(2, sim.Cluster.Containers().Count(c => c.Status == "running"));
        Assert.Contains(sim.Cluster.Tasks(), t => t.ExitStatus == "WARNINGS: 1");
        sim.AssertClean();
    }

    [Fact]
    public async Task Lock_that_never_clears_fails_with_the_proxmox_message()
    {
        var (sim, provider, env, candidate) = await StartAsync(nodes: 1);
        await using var _ = sim;
        using var __ = provider;
        sim.Cluster.Faults.FailRequests("POST", CreatePath, 100, 500, "CT is locked (backup)");
        var error = await Assert.ThrowsAsync<ProxmoxNodeException>(() => DeployAsync(provider, env, candidate));
        Assert.Contains("CT is locked (backup)", error.Message, StringComparison.Ordinal);
        Assert.Empty(sim.Cluster.Containers());
        sim.AssertClean();
    }
}
