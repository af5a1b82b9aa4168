using CamBuild.Common;
using CamBuild.Delivery.History;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.Providers;
using CamBuild.Release.Store;
using Xunit.Abstractions;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// The real Deliver target (the compiled build as its own process) on real LXC: killed with SIGKILL while a node is
/// mid-swap, the next Deliver converges (every node on the new release and healthy, only the kept stand-bys
/// <c>keep_previous</c> allows, no journal, the killed delivery recorded as interrupted); and a second Deliver of an
/// environment that is being delivered is refused, naming the process that holds it.
/// </summary>
[Trait("Category", "integration")]
[Collection("lxc-delivery")]
public sealed class RealDeliverTests(LxcCandidates candidates, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private const string Channel = DeliverRoot.Channel;

    [Fact]
    public async Task Deliver_killed_with_SIGKILL_mid_swap_converges_on_the_next_Deliver_and_the_history_records_the_interruption()
    {
        using var root = new DeliverRoot("dlv-kill", "10.236.3");
        await TearDownAsync(root);
        try
        {
            await PromoteAsync(root, candidates.A);
            await DeliverAsync(root);
            await PromoteAsync(root, candidates.B);
            var releaseB = new ReleaseStore(root.Paths.Releases).Current(Channel)!.Release;

            string midSwap;
            using (var killed = root.Start("Deliver", "--channel", Channel))
            {
                midSwap = await WaitUntilMidSwapAsync(root, killed);
                await killed.KillAsync();
                output.WriteLine($"SIGKILL while {midSwap} was mid-swap\n{killed}");
                Assert.Equal(137, killed.ExitCode);
                var journal = RolloutJournal.Load(root.Paths.EnvironmentStates, root.Environment);
                Assert.True(journal is not null, "the killed Deliver left its journal");
                Assert.Equal(killed.Id, journal.ProcessId);
                Assert.Contains(journal.Entries, entry => entry.Hostname == midSwap && entry.Phase == SwapPhase.Swapping);
            }

            var again = await root.RunAsync(Limit, "Deliver", "--channel", Channel);
            output.WriteLine(again.ToString());
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("recovering from an interrupted rollout", again.Output, StringComparison.Ordinal);
            Assert.Contains($"[{midSwap}] previous container restored and healthy", again.Output, StringComparison.Ordinal);
            await AssertConvergedAsync(root, candidates.B, previous: candidates.A);

            var events = new DeliveryHistory(root.Paths.Releases).Read(Channel);
            Assert.Equal([DeliveryEvent.Started, DeliveryEvent.Succeeded, DeliveryEvent.Started, DeliveryEvent.Interrupted, DeliveryEvent.Started,
                DeliveryEvent.Succeeded], events.Select(e => e.Outcome));
            var interrupted = events[3];
            Assert.Equal((releaseB, events[2].StartedAt), (interrupted.Release, interrupted.StartedAt));
            Assert.Contains(midSwap, interrupted.Nodes);
            Assert.Contains("ended without recording an outcome", interrupted.Message, StringComparison.Ordinal);
            var releases = await root.RunAsync(Limit, "Releases", "--channel", Channel);
            Assert.True(releases.ExitCode == 0, releases.ToString());
            Assert.Contains(DeliveryEvent.Interrupted, releases.Output, StringComparison.Ordinal);
        }
        finally
        {
            await TearDownAsync(root);
        }
        Assert.False(Directory.Exists(root.EnvironmentDirectory), $"{root.EnvironmentDirectory} still exists after Teardown");
    }

    [Fact]
    public async Task A_second_Deliver_of_an_environment_being_delivered_is_refused_naming_the_holder()
    {
        // A pause between the batches keeps the first rollout (and its lock) going while the second Deliver starts.
        using var root = new DeliverRoot("dlv-twice", "10.236.4", pause: "5s");
        await TearDownAsync(root);
        BuildProcess? first = null;
        try
        {
            await PromoteAsync(root, candidates.A);
            first = root.Start("Deliver", "--channel", Channel);
            // The journal exists only while a rollout runs, and only under the environment's lock.
            await WaitUntilAsync(() => File.Exists(root.Journal) || first.HasExited, first);
            Assert.False(first.HasExited, first.ToString());

            var second = await root.RunAsync(Limit, "Deliver", "--channel", Channel);
            output.WriteLine(second.ToString());
            Assert.True(second.ExitCode == 1, second.ToString());
            Assert.Contains($"environment '{root.Environment}' is being deployed or torn down by another process (pid {first.Id} (Deliver of release ",
                second.Output, StringComparison.Ordinal);
            Assert.False(first.HasExited, "the refused Deliver must not disturb the one that runs");

            await first.WaitAsync(Limit);
            Assert.True(first.ExitCode == 0, first.ToString());
            // The refused run recorded nothing: one start, one success.
            Assert.Equal([DeliveryEvent.Started, DeliveryEvent.Succeeded], new DeliveryHistory(root.Paths.Releases).Read(Channel).Select(e => e.Outcome));
            await AssertConvergedAsync(root, candidates.A, previous: null);
        }
        finally
        {
            // A failed assertion must not leave the first Deliver running past the Teardown (it would hold the lock).
            if (first is { HasExited: false })
            {
                await first.KillAsync();
            }
            first?.Dispose();
            await TearDownAsync(root);
        }
    }

    private static async Task PromoteAsync(DeliverRoot root, CandidateRef candidate)
    {
        root.Store(candidate);
        var promote = await root.RunAsync(Limit, "Promote", "--skip", "--channel", Channel, "--environment", root.Environment, "--candidate", candidate.Id.Value);
        Assert.True(promote.ExitCode == 0, promote.ToString());
    }

    private async Task DeliverAsync(DeliverRoot root)
    {
        var deliver = await root.RunAsync(Limit, "Deliver", "--channel", Channel);
        output.WriteLine(deliver.ToString());
        Assert.True(deliver.ExitCode == 0, deliver.ToString());
    }

    private static Task<string> WaitUntilMidSwapAsync(DeliverRoot root, BuildProcess deliver) =>
        DeliverWaits.UntilMidSwapAsync(root.Paths, root.Spec, deliver, Limit);

    private static Task WaitUntilAsync(Func<bool> condition, BuildProcess running) => DeliverWaits.UntilAsync(condition, running, Limit);

    private async Task AssertConvergedAsync(DeliverRoot root, CandidateRef current, CandidateRef? previous)
    {
        var status = await root.RunAsync(Limit, "Status", "--environment", root.Environment);
        output.WriteLine(status.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        // Status recorded what it found; the dashboard draws it.
        var recorded = StatusRecord.Load(root.Paths.EnvironmentStates, root.Environment);
        Assert.True(recorded is { Status.Clean: true }, $"Status recorded no clean result in {StatusRecord.PathOf(root.Paths.EnvironmentStates, root.Environment)}");
        Assert.Equal(["api1", "web1", "web2"], recorded.Status.Nodes.Select(node => node.Hostname));
        Assert.All(recorded.Status.Nodes, node => Assert.Equal(current.Id.Value, node.CandidateId));
        var dashboard = await root.RunAsync(Limit, "Dashboard");
        Assert.True(dashboard.ExitCode == 0, dashboard.ToString());
        var page = File.ReadAllText(Path.Combine(root.Paths.Site, "environments", root.Environment + ".html"));
        Assert.Contains("<span class=\"badge good\">clean</span>", page, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(page, "<g class=\"node healthy\""));
        var nodes = await DeliverRoot.Provider.ListNodesAsync(root.Spec, CancellationToken.None);
        Assert.Equal(["api1", "web1", "web2"], nodes.Select(node => node.Hostname).Order(StringComparer.Ordinal));
        Assert.All(nodes, node => Assert.True(node.Running && node.CandidateId == current.Id.Value, node.ToString()));
        var standby = await DeliverRoot.Provider.ListStandbyAsync(root.Spec, CancellationToken.None);
        Assert.All(standby, s => Assert.Equal((StandbyKind.Kept, previous?.Id.Value), (s.Kind, (string?)s.CandidateId)));
        Assert.All(standby.GroupBy(s => s.Hostname), group => Assert.True(group.Count() <= 1, $"{group.Key}: {group.Count()} kept stand-bys, keep_previous is 1"));
        if (previous is not null)
        {
            Assert.Equal(["api1", "web1", "web2"], standby.Select(s => s.Hostname).Order(StringComparer.Ordinal));
        }
        // Nothing else under the environment: no half-made or forgotten container.
        var containers = Directory.GetDirectories(root.EnvironmentDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(nodes.Select(node => node.Hostname).Concat(standby.Select(s => s.ProviderId)).Order(StringComparer.Ordinal), containers);
        Assert.False(File.Exists(root.Journal), "the rollout journal is gone after a converged Deliver");
    }

    private async Task TearDownAsync(DeliverRoot root)
    {
        var teardown = await root.RunAsync(Limit, "Teardown", "--environment", root.Environment);
        Assert.True(teardown.ExitCode == 0, teardown.ToString());
        output.WriteLine(teardown.Output);
    }
}
