using CamBuild.Common;
using System.Diagnostics;
using CamBuild.Delivery.Config;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.State;
using Xunit.Abstractions;

namespace CamBuild.Delivery.Tests;

/// <summary>
/// Deliver on real LXC containers: A, then B by swap in batches (old containers kept), Status clean, a broken B' rolled
/// back automatically, an interrupted rollout converged by the next one, Rollback to A from the kept containers, the
/// environment lock, and a teardown that leaves nothing.
/// </summary>
[Trait("Category", "integration")]
[Collection("lxc-delivery")]
public sealed class LxcDeliveryTests(LxcCandidates candidates, ITestOutputHelper output)
{
    private const string Root = "/var/tmp/cambuild-test-deliver";
    private static readonly string State = Path.Combine(Root, "state");
    private static readonly LxcNodeProvider Provider = new(new LxcProviderOptions(Root));
    private static readonly RolloutSettings Settings = RolloutSettings.Default with { HealthTimeout = TimeSpan.FromSeconds(20), KeepPrevious = 1 };

    private static EnvironmentSpec Spec(string name, string subnet) => new(name, "lxc", new NetworkSpec("cb" + name, $"{subnet}.0/24", $"{subnet}.1"),
        [
            new NodeSpec("web1", ["web"], $"{subnet}.11/24", 1, 256, 1, null),
            new NodeSpec("web2", ["web"], $"{subnet}.12/24", 1, 256, 1, null),
            new NodeSpec("api1", ["api"], $"{subnet}.21/24", 1, 256, 1, null),
        ], new Dictionary<string, string>());

    private EnvironmentDeliverer Deliverer() => new(Provider, DeliveryCatalog.Load(), new DeliveryOptions(State, Release: "test"), line => output.WriteLine(line));

    [Fact]
    public async Task A_then_B_by_swap_broken_B_rolled_back_interrupted_rollout_converges_rollback_from_kept_containers()
    {
        var environment = Spec("dlv-it", "10.236.1");
        await TearDownAsync(environment);
        try
        {
            var first = await Deliverer().DeliverAsync(environment, candidates.A, Settings, CancellationToken.None);
            Assert.Equal(["web1", "web2", "api1"], first.Changed);
            await AssertCleanOnAsync(environment, candidates.A);

            var second = await Deliverer().DeliverAsync(environment, candidates.B, Settings, CancellationToken.None);
            Assert.Equal(3, second.Batches.Count);
            Assert.Equal([0, 0, 1], second.Batches.Select(batch => batch.Stage));
            await AssertCleanOnAsync(environment, candidates.B);
            var kept = await Provider.ListStandbyAsync(environment, CancellationToken.None);
            Assert.Equal(["api1", "web1", "web2"], kept.Select(s => s.Hostname).Order(StringComparer.Ordinal));
            Assert.All(kept, s => Assert.Equal((StandbyKind.Kept, candidates.A.Id), (s.Kind, s.CandidateId)));

            // B' breaks only the api role: web1 and web2 swap and pass, api1 fails; all three go back to B.
            var failed = await Assert.ThrowsAsync<DeliveryFailedException>(() => Deliverer().DeliverAsync(environment, candidates.Broken, Settings, CancellationToken.None));
            output.WriteLine(failed.Message);
            Assert.Contains("node 'api1', check 'health of role 'api:api''", failed.Message, StringComparison.Ordinal);
            Assert.Contains("api: broken build, cannot start", failed.Message, StringComparison.Ordinal);
            Assert.Equal(["api1", "web1", "web2"], failed.RolledBack.Order(StringComparer.Ordinal));
            await AssertCleanOnAsync(environment, candidates.B);
            Assert.False(File.Exists(RolloutJournal.PathOf(State, environment.Name)));

            // Interrupt a rollout to A in the middle of its first batch (cancellation stops it at an await, as a kill would).
            using (var cancel = new CancellationTokenSource())
            {
                var deliverer = new EnvironmentDeliverer(Provider, DeliveryCatalog.Load(), new DeliveryOptions(State), line =>
                {
                    output.WriteLine(line);
                    if (line.StartsWith("[web1] reusing", StringComparison.Ordinal)) cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deliverer.DeliverAsync(environment, candidates.A, Settings, cancel.Token));
            }
            Assert.True(File.Exists(RolloutJournal.PathOf(State, environment.Name)), "the interrupted rollout left its journal");

            // Rollback to A: the kept containers of A are swapped back in (no new container is created).
            var clock = Stopwatch.StartNew();
            var back = await Deliverer().DeliverAsync(environment, candidates.A, Settings, CancellationToken.None);
            output.WriteLine($"rollback to A from kept containers: {clock.Elapsed.TotalSeconds:0.00} s");
            // The interrupted run may have finished web1 before the cancellation reached an await (it takes ~0.3 s):
            // the converging run swaps whatever is not yet on A, at least the node that was mid-swap, then all run A.
            Assert.InRange(back.Changed.Count, 1, 3);
            Assert.Contains("api1", back.Changed);
            await AssertCleanOnAsync(environment, candidates.A);
            var standby = await Provider.ListStandbyAsync(environment, CancellationToken.None);
            Assert.All(standby, s => Assert.Equal((StandbyKind.Kept, candidates.B.Id), (s.Kind, s.CandidateId)));
            Assert.False(File.Exists(RolloutJournal.PathOf(State, environment.Name)));

            // Every node has a kept container of B now: going back to B at max_unavailable 100 % is a restore, one batch
            // across the stages (the web nodes started before api1 inside it) and one health wait, not one per stage.
            var restore = await Deliverer().DeliverAsync(environment, candidates.B, Settings with { MaxUnavailable = new MaxUnavailable(100, true) },
                CancellationToken.None);
            var batch = Assert.Single(restore.Batches);
            Assert.Equal([["web1", "web2"], ["api1"]], batch.Waves.Select(wave => wave.Select(node => node.Hostname)));
            await AssertCleanOnAsync(environment, candidates.B);
            Assert.All(await Provider.ListStandbyAsync(environment, CancellationToken.None),
                s => Assert.Equal((StandbyKind.Kept, candidates.A.Id), (s.Kind, s.CandidateId)));
        }
        finally
        {
            await TearDownAsync(environment);
        }
        await AssertNothingLeftAsync(environment);
    }

    [Fact]
    public async Task Two_deliveries_of_one_environment_cannot_run_at_once()
    {
        var environment = Spec("dlv-lock", "10.236.2");
        using (EnvironmentLock.Acquire(State, environment.Name))
        {
            var refused = await Assert.ThrowsAsync<EnvironmentLockedException>(() => Deliverer().DeliverAsync(environment, candidates.A, Settings, CancellationToken.None));
            Assert.Contains("being deployed or torn down by another process", refused.Message, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(new LxcProviderOptions(Root).EnvironmentDirectory(environment.Name)));
    }

    private async Task AssertCleanOnAsync(EnvironmentSpec environment, CandidateRef candidate)
    {
        var status = await new StatusReader(Provider, DeliveryCatalog.Load(), State, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30))
            .ReadAsync(environment, (_, _) => "test", CancellationToken.None);
        output.WriteLine(StatusTable.Render(status));
        Assert.True(status.Clean, StatusTable.Render(status));
        Assert.All(status.Nodes, node => Assert.Equal(candidate.Id, node.CandidateId));
        var observed = await Provider.ListNodesAsync(environment, CancellationToken.None);
        Assert.Equal(3, observed.Count);
        Assert.All(observed, node => Assert.True(node.Running && node.CandidateId == candidate.Id, node.ToString()));
    }

    private static async Task TearDownAsync(EnvironmentSpec environment)
    {
        var deployer = new EnvironmentDeployer(Provider, DeliveryCatalog.Load(), new DeployOptions(State));
        await deployer.TeardownAsync(environment, CancellationToken.None);
        RolloutJournal.Delete(State, environment.Name);
        File.Delete(DeliveredRecord.PathOf(State, environment.Name));
    }

    private static async Task AssertNothingLeftAsync(EnvironmentSpec environment)
    {
        var path = new LxcProviderOptions(Root).EnvironmentDirectory(environment.Name);
        Assert.False(Directory.Exists(path), $"{path} still exists");
        Assert.False(Directory.Exists($"/sys/class/net/{environment.Network.Bridge}"), $"bridge {environment.Network.Bridge} still exists");
        Assert.DoesNotContain(await File.ReadAllLinesAsync("/proc/self/mounts"), line => line.Contains(path, StringComparison.Ordinal));
    }
}
