using System.Text.Json;
using System.Text.RegularExpressions;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.Providers;
using CamBuild.Release.Store;
using Xunit.Abstractions;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>
/// Issue 14's proof on the real thing: the candidates the real BakeCandidate makes of config/candidate.yaml and samples/
/// (<see cref="RealCandidates"/>), the 15 nodes of config/environments/cam.yaml (copied with only name, subnet and bridge
/// changed), real LXC, and Promote / Deliver / Rollback / Status / Teardown run as the compiled build's own processes.
/// </summary>
[Trait("Category", "integration")]
[Collection("lxc-real-candidate")]
public sealed class RealCandidateDeliveryTests(RealCandidates candidates, ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private const string Staging = RealCandidateRoot.Staging;
    private static readonly string[] Hostnames =
        ["anc", "m000", "m001", "m002", "m003", "m004", "m005", "m006", "m007", "m008", "monitor", "portal", "portal2", "proxy1", "proxy2"];

    /// <summary>
    /// One story on one environment (every step needs the state the previous one left): A delivered (15 nodes created);
    /// the gates refuse a promotion to production (soak, approval) and a Deliver whose environment file no longer hashes to
    /// the promoted pair (exit 2, nothing touched); B (one leaf bumped) delivered by swap in batches and Status clean;
    /// Rollback to A from the kept containers; B' (the broken katproxy, forced past qualification here) fails the proxies'
    /// forwarding check and is rolled back automatically, leaving all 15 nodes on A and healthy and the channel on A;
    /// a Deliver of B killed with SIGKILL mid-batch and the next Deliver converges with no orphan container.
    /// </summary>
    [Fact]
    public async Task The_real_candidate_is_delivered_rolled_back_automatically_when_broken_and_recovered_after_kill_9()
    {
        var root = candidates.Root;
        output.WriteLine(candidates.Log);
        await TearDownAsync(root);
        try
        {
            // A: a new environment, every node created.
            await PromoteAsync(root, candidates.A);
            var deliverA = await DeliverAsync(root, expectedExit: 0);
            Assert.Equal(15, Regex.Count(deliverA.Output, @"\] created and healthy"));
            await AssertOnAsync(root, candidates.A, previous: null);

            await GatesRefuseAsync(root);

            // B: every node replaced by swap, in batches of at most 20 % (3 nodes), devices first.
            await PromoteAsync(root, candidates.B);
            var deliverB = await DeliverAsync(root, expectedExit: 0);
            var batches = int.Parse(Regex.Match(deliverB.Output, @"rollout: (\d+) batch\(es\) of at most 3 node\(s\)").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(batches >= 5, deliverB.ToString());
            for (var batch = 1; batch <= batches; batch++)
            {
                Assert.Contains($"batch {batch}/{batches} healthy: ", deliverB.Output, StringComparison.Ordinal);
            }
            Assert.Equal(15, Regex.Count(deliverB.Output, @"\] swapped and healthy"));
            Assert.True(deliverB.Output.IndexOf("[proxy1] swapped", StringComparison.Ordinal) > deliverB.Output.IndexOf("[m000] swapped", StringComparison.Ordinal),
                "devices are replaced before the proxies that depend on them");
            await AssertOnAsync(root, candidates.B, previous: candidates.A);

            // Back to A from the kept containers, as the README writes it (no --to: the previous healthy release).
            var rollback = await root.RunAsync(Limit, "Rollback", "--channel", Staging);
            output.WriteLine(rollback.ToString());
            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            Assert.Equal(15, Regex.Count(rollback.Output, @"\] reusing the kept container of this release"));
            await AssertOnAsync(root, candidates.A, previous: candidates.B);

            // B': the devices take it, the proxies do not forward; the whole rollout goes back to A by itself.
            await PromoteAsync(root, candidates.Broken);
            var broken = await DeliverAsync(root, expectedExit: 1);
            Assert.Matches(@"node 'proxy[12]', check 'verify of role 'proxy:p[12]''", broken.Output);
            Assert.Contains("without the device's reply", broken.Output, StringComparison.Ordinal);
            // One error: the batch that failed, what was rolled back, what the channel keeps; each failure named once.
            Assert.Matches(@"failed in batch [1-9][0-9]* on 2 node\(s\); rolled 1[0-9] replaced node\(s\) back to their previous containers \([^)]*\); " +
                "the environment runs what it ran before; channel 'staging' keeps release ", broken.Output);
            Assert.Contains("back to their previous containers", broken.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("[portal] swapped", broken.Output, StringComparison.Ordinal);
            await AssertOnAsync(root, candidates.A, previous: candidates.B);
            Assert.Equal(candidates.A.Id, new ReleaseStore(root.Paths.Releases).Current(Staging)!.CandidateId);
            await AssertPortalHealthyAsync();

            // B again, killed with SIGKILL while a node of a batch is mid-swap; the next Deliver converges.
            await PromoteAsync(root, candidates.B);
            string midSwap;
            using (var killed = root.Start("Deliver", "--channel", Staging))
            {
                midSwap = await DeliverWaits.UntilMidSwapAsync(root.Paths, root.Spec, killed, Limit);
                await killed.KillAsync();
                output.WriteLine($"SIGKILL while {midSwap} was mid-swap\n{killed}");
                Assert.Equal(137, killed.ExitCode);
                var journal = RolloutJournal.Load(root.Paths.EnvironmentStates, root.Spec.Name);
                Assert.True(journal is not null, "the killed Deliver left its journal");
                Assert.Contains(journal.Entries, entry => entry.Hostname == midSwap && entry.Phase == SwapPhase.Swapping);
            }
            var again = await DeliverAsync(root, expectedExit: 0);
            Assert.Contains("recovering from an interrupted rollout", again.Output, StringComparison.Ordinal);
            Assert.Contains($"[{midSwap}] previous container restored and healthy", again.Output, StringComparison.Ordinal);
            await AssertOnAsync(root, candidates.B, previous: candidates.A);
            await AssertPortalHealthyAsync();

            // The channel's history, newest first: the recovered delivery, the interruption, B' failed, the rollback to A.
            var releases = await root.RunAsync(Limit, "Releases", "--channel", Staging);
            Assert.True(releases.ExitCode == 0, releases.ToString());
            foreach (var outcome in new[] { "interrupted", "failed", "rollback", "refused" })
            {
                Assert.Contains(outcome, releases.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await TearDownAsync(root);
        }
        Assert.False(Directory.Exists(RealCandidateRoot.EnvironmentDirectory), $"{RealCandidateRoot.EnvironmentDirectory} still exists after Teardown");
    }

    /// <summary>Refusals through the real process, exit 2, naming the gate; nothing promoted, nothing delivered.</summary>
    private async Task GatesRefuseAsync(RealCandidateRoot root)
    {
        var production = await root.RunAsync(Limit, "Promote", "--skip", "--channel", RealCandidateRoot.Production,
            "--environment", RealCandidateRoot.EnvironmentName, "--candidate", candidates.A.Id);
        output.WriteLine(production.ToString());
        Assert.True(production.ExitCode == 2, production.ToString());
        Assert.Contains($"Promote to channel '{RealCandidateRoot.Production}' refused by", production.Output, StringComparison.Ordinal);
        Assert.Contains("gate 'soak'", production.Output, StringComparison.Ordinal);
        Assert.Contains("gate 'approvals'", production.Output, StringComparison.Ordinal);
        Assert.Null(new ReleaseStore(root.Paths.Releases).Current(RealCandidateRoot.Production));

        // The README's approval, as written there: it approves staging's current pair; then only the soak refuses.
        var approve = await root.RunAsync(Limit, "Approve", "--channel", RealCandidateRoot.Production, "--approver", "jane@site");
        output.WriteLine(approve.ToString());
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains($"jane@site approved candidate {candidates.A.Id[..12]}", approve.Output, StringComparison.Ordinal);
        var approved = await root.RunAsync(Limit, "Promote", "--skip", "--channel", RealCandidateRoot.Production,
            "--environment", RealCandidateRoot.EnvironmentName, "--candidate", candidates.A.Id);
        Assert.True(approved.ExitCode == 2, approved.ToString());
        Assert.Contains("refused by 1 gate(s)", approved.Output, StringComparison.Ordinal);
        Assert.Contains("gate 'soak'", approved.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gate 'approvals'", approved.Output, StringComparison.Ordinal);

        var original = File.ReadAllText(root.EnvironmentFile);
        File.WriteAllText(root.EnvironmentFile, original.Replace("memory_mib: 1024", "memory_mib: 1536", StringComparison.Ordinal));
        try
        {
            var changed = await root.RunAsync(Limit, "Deliver", "--channel", Staging);
            output.WriteLine(changed.ToString());
            Assert.True(changed.ExitCode == 2, changed.ToString());
            Assert.Contains("gate 'configuration'", changed.Output, StringComparison.Ordinal);
            Assert.Contains("the release is the pair, never what the file says today", changed.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(root.EnvironmentFile, original);
        }
        await AssertOnAsync(root, candidates.A, previous: null);
    }

    private static async Task PromoteAsync(RealCandidateRoot root, BakedCandidate candidate)
    {
        var promote = await root.RunAsync(Limit, "Promote", "--skip", "--channel", Staging, "--environment", RealCandidateRoot.EnvironmentName,
            "--candidate", candidate.Id);
        Assert.True(promote.ExitCode == 0, promote.ToString());
    }

    private async Task<BuildProcess> DeliverAsync(RealCandidateRoot root, int expectedExit)
    {
        var deliver = await root.RunAsync(Limit, "Deliver", "--channel", Staging);
        output.WriteLine(deliver.ToString());
        Assert.True(deliver.ExitCode == expectedExit, deliver.ToString());
        return deliver;
    }

    /// <summary>
    /// Status exit 0 (no drift, every node healthy now) with all 15 nodes on <paramref name="current"/>; the containers
    /// the provider lists agree; the stand-bys are only the kept ones (at most keep_previous 1 per node, of
    /// <paramref name="previous"/>); nothing else under the environment's directory; no rollout journal.
    /// </summary>
    private static async Task AssertOnAsync(RealCandidateRoot root, BakedCandidate current, BakedCandidate? previous)
    {
        var status = await root.RunAsync(Limit, "Status", "--environment", RealCandidateRoot.EnvironmentName, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var recorded = StatusRecord.Load(root.Paths.EnvironmentStates, RealCandidateRoot.EnvironmentName);
        Assert.True(recorded is { Status.Clean: true, Status.Healthy: true }, status.ToString());
        Assert.Equal(Hostnames, recorded.Status.Nodes.Select(node => node.Hostname).Order(StringComparer.Ordinal));
        Assert.All(recorded.Status.Nodes, node => Assert.True(node.CandidateId == current.Id && node.Healthy, $"{node} (expected {current})"));

        var nodes = await DeliverRoot.Provider.ListNodesAsync(root.Spec, CancellationToken.None);
        Assert.Equal(Hostnames, nodes.Select(node => node.Hostname).Order(StringComparer.Ordinal));
        Assert.All(nodes, node => Assert.True(node.Running && node.CandidateId == current.Id, node.ToString()));
        var standby = await DeliverRoot.Provider.ListStandbyAsync(root.Spec, CancellationToken.None);
        Assert.All(standby, s => Assert.True(s.Kind == StandbyKind.Kept && s.CandidateId == previous?.Id, $"{s} (expected kept {previous})"));
        Assert.Equal(previous is null ? [] : Hostnames, standby.Select(s => s.Hostname).Order(StringComparer.Ordinal));
        var containers = Directory.GetDirectories(RealCandidateRoot.EnvironmentDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(nodes.Select(node => node.Hostname).Concat(standby.Select(s => s.ProviderId)).Order(StringComparer.Ordinal), containers);
        Assert.False(File.Exists(RolloutJournal.PathOf(root.Paths.EnvironmentStates, RealCandidateRoot.EnvironmentName)), "no rollout journal is left");
    }

    /// <summary>The system works end to end: the portal (on the host's side of the bridge) reports every proxy ok.</summary>
    private static async Task AssertPortalHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var body = await http.GetStringAsync(new Uri($"http://{RealCandidateRoot.Subnet}.50:8080/health"));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.All(json.RootElement.GetProperty("proxies").EnumerateObject(), proxy => Assert.Equal("ok", proxy.Value.GetString()));
    }

    private async Task TearDownAsync(RealCandidateRoot root)
    {
        var teardown = await root.RunAsync(Limit, "Teardown", "--environment", RealCandidateRoot.EnvironmentName);
        Assert.True(teardown.ExitCode == 0, teardown.ToString());
        output.WriteLine(teardown.Output);
    }
}
