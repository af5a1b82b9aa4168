using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>What the user reads: the TLS pin mismatch, retries, adoptions and VMID changes in the log.</summary>
public sealed class DiagnosticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Refused_tls_pin_names_both_fingerprints()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var pinned = string.Join(':', Enumerable.Repeat("AB", 32));
        var env = TestEnvironment.Environment(sim, 1, settings: TestEnvironment.Settings(sim, ("tls_fingerprint", pinned)));
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        var error = await Assert.ThrowsAnyAsync<Exception>(() => provider.ListNodesAsync(env, CancellationToken.None));
        Assert.Contains($"the certificate has SHA-256 {sim.Fingerprint}, tls_fingerprint pins {pinned}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sim.Calls);
    }

    [Fact]
    public async Task Retries_adoptions_and_vmid_changes_are_logged_with_cause_and_delay()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var log = new List<string>();
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log));
        var env = TestEnvironment.Environment(sim, 2);
        var candidate = TestEnvironment.Candidate(_dir);
        await provider.PrepareAsync(env, candidate, CancellationToken.None);
        sim.Cluster.Faults.FailRequests("POST", "/status/start$", 1, 595, "Errors during connection establishment, proxy handshake");
        sim.Cluster.Faults.FailAfterHandling("POST", "^/nodes/[^/]+/lxc$", 1, 500, "proxy loop detected - got timeout");
        await provider.CreateNodeAsync(env, env.Nodes[0], candidate, "d", CancellationToken.None);
        sim.Cluster.AddForeignContainer(101, "pve3", "not-ours");
        sim.Cluster.StaleNextIdAnswers = 1;
        await provider.CreateNodeAsync(env, env.Nodes[1], candidate, "d", CancellationToken.None);
        lock (log)
        {
            Assert.Contains(log, l => l.Contains("retrying POST /nodes/pve1/lxc/100/status/start", StringComparison.Ordinal)
                && l.Contains("595 Errors during connection establishment", StringComparison.Ordinal) && l.Contains(" in ", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains("adopting", StringComparison.Ordinal) && l.Contains("cam-node01", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains("VMID", StringComparison.Ordinal) && l.Contains("taken", StringComparison.Ordinal) && l.Contains("cam-node02", StringComparison.Ordinal));
            Assert.All(log, l => Assert.DoesNotContain(ProxmoxSimulator.TokenSecret, l, StringComparison.Ordinal));
        }
        sim.AssertClean();
    }
}
