using System.Globalization;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>
/// Swap on Proxmox against the simulator (every request checked against the official API schema): a stand-by CT is
/// created stopped beside the node and is invisible to ListNodes and Locate; stop / swap / start makes it the node
/// and keeps the old CT stopped; back destroys the failed one; a swap interrupted between its two config updates
/// leaves no active CT and the kept one, which the restore promotes again.
/// </summary>
public sealed class SwapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-swap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Standby_swap_keep_back_and_an_interrupted_swap_restored()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var log = new List<string>();
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log));
        var env = TestEnvironment.Environment(sim, 2);
        var candidate = TestEnvironment.Candidate(_dir);
        var node = env.Nodes[0];
        var ct = CancellationToken.None;
        await provider.PrepareAsync(env, candidate, ct);
        foreach (var n in env.Nodes) await provider.CreateNodeAsync(env, n, candidate, "a-" + n.Hostname, ct);
        var old = Container(sim, node.Hostname, "a-cam-node01");

        // Stand-by: created stopped, same member, hostname and address, marked; not a node for ListNodes or Locate.
        sim.ResetCounters();
        await provider.CreateStandbyAsync(env, node, candidate, "b-cam-node01", ct);
        var next = Container(sim, node.Hostname, "b-cam-node01");
        Assert.NotEqual(old.Vmid, next.Vmid);
        Assert.Equal(("stopped", old.Member, old.Config["hostname"]), (next.Status, next.Member, next.Config["hostname"]));
        Assert.StartsWith("name=eth0,bridge=vmbr0,ip=10.80.0.11/24,gw=10.80.0.1,", next.Config["net0"], StringComparison.Ordinal);
        Assert.Contains("cambuild-slot: next", next.Config["description"], StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Requests, r => r.Template.EndsWith("/status/start", StringComparison.Ordinal));
        var standby = Assert.Single(await provider.ListStandbyAsync(env, ct));
        Assert.Equal((node.Hostname, StandbyKind.Next, "b-cam-node01", candidate.Id.Value, (DateTimeOffset?)null, $"{next.Member}/{Vmid(next)}"),
            (standby.Hostname, standby.Kind, standby.NodeDigest, standby.CandidateId, standby.KeptAt, standby.ProviderId));
        await AssertNodeAsync(provider, env, node.Hostname, old, running: true);
        using (var fresh = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            Assert.Equal(old.Vmid, (await fresh.SessionFor(env).LocateAsync(node.Hostname, ct))?.Vmid);
        }

        // Forward: stop the node, swap, start; the old CT is kept stopped.
        await provider.StopNodeAsync(env, node.Hostname, ct);
        Assert.Equal("stopped", old.Status);
        await provider.SwapAsync(env, node.Hostname, "b-cam-node01", discardActive: false, ct);
        await provider.StartNodeAsync(env, node.Hostname, ct);
        await AssertNodeAsync(provider, env, node.Hostname, next, running: true);
        Assert.Equal("stopped", old.Status);
        var kept = Assert.Single(await provider.ListStandbyAsync(env, ct));
        Assert.Equal((StandbyKind.Kept, "a-cam-node01", $"{old.Member}/{Vmid(old)}"), (kept.Kind, kept.NodeDigest, kept.ProviderId));
        Assert.NotNull(kept.KeptAt);
        Assert.Equal(2, (await provider.ListNodesAsync(env, ct)).Count);

        // Back: the failed CT is destroyed, the kept one is the node again.
        await provider.StopNodeAsync(env, node.Hostname, ct);
        await provider.SwapAsync(env, node.Hostname, "a-cam-node01", discardActive: true, ct);
        await provider.StartNodeAsync(env, node.Hostname, ct);
        await AssertNodeAsync(provider, env, node.Hostname, old, running: true);
        Assert.DoesNotContain(sim.Cluster.Containers(), c => c.Vmid == next.Vmid);
        Assert.Empty(await provider.ListStandbyAsync(env, ct));

        // Interrupted between demoting the node and promoting the stand-by (the promotion's PUT never lands).
        await provider.CreateStandbyAsync(env, node, candidate, "b-cam-node01", ct);
        var again = Container(sim, node.Hostname, "b-cam-node01");
        await provider.StopNodeAsync(env, node.Hostname, ct);
        sim.Cluster.Faults.FailRequests("PUT", $"/lxc/{Vmid(again)}/config$", 20, 500, "simulated crash before the promotion");
        await Assert.ThrowsAnyAsync<Exception>(() => provider.SwapAsync(env, node.Hostname, "b-cam-node01", discardActive: false, ct));
        sim.Cluster.Faults.Clear();
        using (var next2 = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            Assert.DoesNotContain(await next2.ListNodesAsync(env, ct), o => o.Hostname == node.Hostname);
            Assert.Equal([StandbyKind.Next, StandbyKind.Kept], (await next2.ListStandbyAsync(env, ct)).OrderBy(s => s.Kind).Select(s => s.Kind));
            // What the next run's restore does: no active CT to stop, the kept one (the journal's from-digest) promoted and started.
            await next2.StopNodeAsync(env, node.Hostname, ct);
            await next2.SwapAsync(env, node.Hostname, "a-cam-node01", discardActive: true, ct);
            await next2.StartNodeAsync(env, node.Hostname, ct);
            await AssertNodeAsync(next2, env, node.Hostname, old, running: true);
            var leftover = Assert.Single(await next2.ListStandbyAsync(env, ct));
            Assert.Equal(StandbyKind.Next, leftover.Kind);
            await next2.DestroyStandbyAsync(env, leftover, ct);
            Assert.Empty(await next2.ListStandbyAsync(env, ct));
            await next2.DestroyStandbyAsync(env, leftover, ct); // absent: no-op
            var active = (await next2.ListNodesAsync(env, ct)).Single(o => o.Hostname == node.Hostname);
            await Assert.ThrowsAsync<Provider.ProxmoxNodeException>(() => next2.DestroyStandbyAsync(env,
                leftover with { ProviderId = active.ProviderId }, ct)); // the node itself is never destroyed as a stand-by
        }

        // DestroyNode removes the node only; Teardown also its stand-bys.
        await provider.CreateStandbyAsync(env, env.Nodes[1], candidate, "b-cam-node02", ct);
        await provider.DestroyNodeAsync(env, env.Nodes[1].Hostname, ct);
        Assert.Single(await provider.ListStandbyAsync(env, ct));
        await provider.TeardownAsync(env, ct);
        Assert.Empty(sim.Cluster.Containers());
        Assert.All(log, line => Assert.DoesNotContain(ProxmoxSimulator.TokenSecret, line, StringComparison.Ordinal));
        sim.AssertClean();
    }

    [Fact]
    public void Slot_and_kept_time_survive_a_round_trip_through_the_description()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 30, 15, 250, TimeSpan.Zero);
        var kept = new Formats.NodeDescription("e", "h", "c", "d", "x", "local:vztmpl/t.tar.zst", Formats.NodeDescription.KeptSlot, at);
        Assert.Equal(kept, Formats.NodeDescription.Parse(kept.Render()));
        var active = Formats.NodeDescription.Parse(new Formats.NodeDescription("e", "h", "c", "d", "x").Render());
        Assert.False(active!.IsStandby);
        Assert.Null(Formats.NodeDescription.Parse(kept.Render().Replace("cambuild-slot: kept", "cambuild-slot: bogus", StringComparison.Ordinal))!.Slot);
    }

    private static SimContainer Container(ProxmoxSimulator sim, string hostname, string digest) =>
        sim.Cluster.Containers().Single(c => c.Config["hostname"] == hostname && c.Config["description"].Contains("cambuild-digest: " + digest, StringComparison.Ordinal));

    private static string Vmid(SimContainer container) => container.Vmid.ToString(CultureInfo.InvariantCulture);

    private static async Task AssertNodeAsync(ProxmoxNodeProvider provider, Model.EnvironmentSpec env, string hostname, SimContainer expected, bool running)
    {
        var observed = (await provider.ListNodesAsync(env, CancellationToken.None)).Where(o => o.Hostname == hostname).ToList();
        var node = Assert.Single(observed);
        Assert.Equal(($"{expected.Member}/{Vmid(expected)}", running), (node.ProviderId, node.Running));
        Assert.Equal(running ? "running" : "stopped", expected.Status);
    }
}
