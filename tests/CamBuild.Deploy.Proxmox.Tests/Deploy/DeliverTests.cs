using CamBuild.Common;
using System.Globalization;
using CamBuild.Delivery.Config;
using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Proxmox.Tests.Ssh;

namespace CamBuild.Deploy.Proxmox.Tests.Deploy;

/// <summary>
/// Deliver (the swap rollout of CamBuild.Delivery) on a Proxmox environment: the simulator for the API (every request
/// checked against the official schema) and real OpenSSH members for <c>pct exec</c>, where stopping a CT ends its
/// processes. A to B by swap keeps the A CTs stopped; a start that fails in the middle of a rollout to C rolls every
/// node back to its B CT and healthy; a rollback to A reuses the kept CTs (no create).
/// </summary>
[Trait("Category", "integration")]
public sealed class DeliverTests(SshServerFixture fixture) : IClassFixture<SshServerFixture>
{
    private static readonly RolloutSettings Settings = RolloutSettings.Default with { HealthTimeout = TimeSpan.FromSeconds(10), KeepPrevious = 1 };

    [Fact]
    public async Task Swap_rollout_keeps_previous_CTs_a_failed_start_rolls_every_node_back_and_rollback_reuses_kept_CTs()
    {
        await using var h = await DeployHarness.StartAsync(3, fixture.Server);
        h.Sim.Cluster.ContainerStopped += fixture.Server.StopContainer;
        try
        {
            var a = h.Candidate;
            var b = Candidate(h, "b");
            var c = Candidate(h, "c");
            var first = await DeliverAsync(h, a);
            Assert.Equal(["cam-node01", "cam-node02", "cam-node03"], first.Changed);
            var aVmids = Vmids(h);

            var second = await DeliverAsync(h, b);
            Assert.Equal(3, second.Batches.Count);
            var bVmids = await AssertOnAsync(h, b);
            Assert.Empty(bVmids.Values.Intersect(aVmids.Values));
            var kept = await StandbyAsync(h);
            Assert.All(kept, s => Assert.Equal((StandbyKind.Kept, a.Id.Value), (s.Kind, s.CandidateId)));
            Assert.Equal(aVmids.Values.Order(), kept.Select(s => VmidOf(s.ProviderId)).Order());
            Assert.All(h.Sim.Cluster.Containers().Where(ct => aVmids.ContainsValue(ct.Vmid)), ct => Assert.Equal("stopped", ct.Status));

            // C: the second node's new CT does not start; the first one (already swapped) and the second go back to B.
            // The rollout stops node01, then node02: once node02's B CT stopped, the next start (its new C CT) fails.
            var stops = 0;
            h.Sim.Cluster.ContainerStopped += _ =>
            {
                if (Interlocked.Increment(ref stops) == 2) h.Sim.Cluster.Faults.FailTasks("vzstart", 1, "startup for container failed", "lxc-start: failed to spawn");
            };
            var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() => DeliverAsync(h, c));
            Assert.Contains("cam-node02", failed.Message, StringComparison.Ordinal);
            Assert.Contains("did not start", failed.Message, StringComparison.Ordinal);
            Assert.Equal(["cam-node01", "cam-node02"], failed.RolledBack.Order(StringComparer.Ordinal));
            Assert.Equal(bVmids, await AssertOnAsync(h, b));
            Assert.All(await StandbyAsync(h), s => Assert.Equal((StandbyKind.Kept, a.Id.Value), (s.Kind, s.CandidateId)));
            Assert.False(File.Exists(RolloutJournal.PathOf(h.StateDirectory, "lab")));

            // Rollback to A: the kept CTs become the nodes again; nothing is created.
            h.Sim.ResetCounters();
            await DeliverAsync(h, a);
            Assert.Equal(aVmids, await AssertOnAsync(h, a));
            Assert.DoesNotContain(h.Sim.Requests, r => r.Method == "POST" && r.Template == "/nodes/{node}/lxc");
            Assert.All(await StandbyAsync(h), s => Assert.Equal((StandbyKind.Kept, b.Id.Value), (s.Kind, s.CandidateId)));
            h.Sim.AssertClean();

            await h.TeardownAsync();
            Assert.Empty(h.Sim.Cluster.Containers());
        }
        finally
        {
            h.Sim.Cluster.ContainerStopped -= fixture.Server.StopContainer;
        }
    }

    private static async Task<DeliveryResult> DeliverAsync(DeployHarness h, CandidateRef candidate)
    {
        using var provider = h.NewProvider();
        var deliverer = new EnvironmentDeliverer(provider, h.Catalog, new DeliveryOptions(h.StateDirectory, CommandTimeout: TimeSpan.FromSeconds(20)), h.Add);
        return await deliverer.DeliverAsync(h.LoadEnvironment(), candidate, Settings, CancellationToken.None);
    }

    /// <summary>Every node runs the candidate in exactly one running, healthy-checked active CT; returns hostname to vmid.</summary>
    private static async Task<Dictionary<string, int>> AssertOnAsync(DeployHarness h, CandidateRef candidate)
    {
        using var provider = h.NewProvider();
        var nodes = await provider.ListNodesAsync(h.LoadEnvironment(), CancellationToken.None);
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.True(n.Running && n.CandidateId == candidate.Id.Value, n.ToString()));
        return nodes.ToDictionary(n => n.Hostname, n => VmidOf(n.ProviderId), StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<StandbyNode>> StandbyAsync(DeployHarness h)
    {
        using var provider = h.NewProvider();
        return await provider.ListStandbyAsync(h.LoadEnvironment(), CancellationToken.None);
    }

    private static Dictionary<string, int> Vmids(DeployHarness h) =>
        h.Sim.Cluster.Containers().ToDictionary(ct => ct.Config["hostname"], ct => ct.Vmid, StringComparer.Ordinal);

    private static int VmidOf(string providerId) => int.Parse(providerId[(providerId.IndexOf('/', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    private static CandidateRef Candidate(DeployHarness h, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(h.Directory, name)).FullName;
        return TestEnvironment.Candidate(directory, new string(name[0], 64));
    }
}
