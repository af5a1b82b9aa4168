using System.Diagnostics;
using CamBuild.Deploy.Proxmox.Ssh;
using CamBuild.Deploy.Proxmox.Tests.Simulator;
using Renci.SshNet;

namespace CamBuild.Deploy.Proxmox.Tests.Ssh;

[Trait("Category", "integration")]
public sealed class SshServerFixture : IDisposable
{
    public OpenSshServer Server { get; } = OpenSshServer.Start();

    public void Dispose() => Server.Dispose();
}

/// <summary>pct exec over a real OpenSSH server with host key verification.</summary>
[Trait("Category", "integration")]
public sealed class SshExecTests(SshServerFixture fixture) : IClassFixture<SshServerFixture>
{
    private OpenSshServer Server => fixture.Server;

    [Fact]
    public async Task Exec_runs_pct_exec_on_the_member_with_arguments_intact()
    {
        var dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;
        try
        {
            await using var sim = await ProxmoxSimulator.StartAsync();
            var settings = TestEnvironment.Settings(sim, ("ssh_known_hosts", Server.KnownHosts), ("ssh_key", Server.ClientKey),
                ("ssh_hosts", $"pve1=127.0.0.1:{Server.Port},pve2=127.0.0.1:{Server.Port},pve3=127.0.0.1:{Server.Port}"));
            var env = TestEnvironment.Environment(sim, 1, settings: settings);
            using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
            var candidate = TestEnvironment.Candidate(dir);
            await provider.PrepareAsync(env, candidate, CancellationToken.None);
            await provider.CreateNodeAsync(env, env.Nodes[0], candidate, "d", CancellationToken.None);
            var vmid = sim.Cluster.Containers()[0].Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture);

            string[] command = ["printf", "%s|", "two words", "it's", "$(id -u)", "semi;colon"];
            var result = await provider.ExecAsync(env, env.Nodes[0], command, TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("two words|it's|$(id -u)|semi;colon|", result.StandardOutput);
            Assert.Equal(["exec", vmid, "--", .. command], Server.PctCalls()[^1]);

            var failing = await provider.ExecAsync(env, env.Nodes[0], ["sh", "-c", "echo oops >&2; exit 7"], TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Equal((7, "oops\n"), (failing.ExitCode, failing.StandardError));

            await Assert.ThrowsAsync<TimeoutException>(() =>
                provider.ExecAsync(env, env.Nodes[0], ["sleep", "5"], TimeSpan.FromMilliseconds(500), CancellationToken.None));

            // Specialisation sets the node's hostname: inside the "CT" only, never the host's (it once renamed the machine).
            var host = File.ReadAllText("/proc/sys/kernel/hostname").Trim();
            var renamed = await provider.ExecAsync(env, env.Nodes[0], ["sh", "-c", "hostname cambuild-ct-test && hostname"], TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Equal((0, "cambuild-ct-test\n"), (renamed.ExitCode, renamed.StandardOutput));
            Assert.Equal(host, File.ReadAllText("/proc/sys/kernel/hostname").Trim());
            sim.AssertClean();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_host_key_is_refused()
    {
        var otherKey = Path.Combine(Server.Directory, "other_host");
        if (!File.Exists(otherKey)) OpenSshServer.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey);
        var knownHosts = KnownHosts.Parse([$"[127.0.0.1]:{Server.Port} {File.ReadAllText(otherKey + ".pub").Trim()}"], "test-known_hosts");
        using var key = new PrivateKeyFile(Server.ClientKey);
        using var shell = new MemberShell("pve1", "127.0.0.1", Server.Port, "root", knownHosts, key);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => shell.RunAsync("true", TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Contains("is not in test-known_hosts", error.Message, StringComparison.Ordinal);
        Assert.Contains("never accept it blindly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_known_hosts_and_an_ssh_agent_work()
    {
        var hashed = Path.Combine(Server.Directory, "known_hosts_hashed");
        File.Copy(Server.KnownHosts, hashed, overwrite: true);
        OpenSshServer.Run("ssh-keygen", "-H", "-f", hashed);
        Assert.StartsWith("|1|", File.ReadAllText(hashed), StringComparison.Ordinal);
        var socket = Path.Combine(Server.Directory, $"agent-{Guid.NewGuid():N}.sock");
        using var agent = System.Diagnostics.Process.Start(new ProcessStartInfo("ssh-agent", ["-D", "-a", socket]) { RedirectStandardOutput = true })!;
        try
        {
            for (var i = 0; i < 100 && !File.Exists(socket); i++) await Task.Delay(50);
            var add = new ProcessStartInfo("ssh-add", [Server.ClientKey]) { RedirectStandardError = true };
            add.Environment["SSH_AUTH_SOCK"] = socket;
            using (var adding = System.Diagnostics.Process.Start(add)!) { await adding.WaitForExitAsync(); Assert.Equal(0, adding.ExitCode); }
            using var shell = new MemberShell("pve1", "127.0.0.1", Server.Port, "root", KnownHosts.Load(hashed), SshAgentKeySource.Connect(socket));
            var result = await shell.PctExecAsync(123, ["echo", "via agent"], TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Equal("via agent\n", result.StandardOutput);
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
        }
    }

    [Fact]
    public void Known_hosts_rejects_revoked_and_other_ports()
    {
        var line = $"[127.0.0.1]:{Server.Port} {Server.HostPublicKey}";
        var parts = Server.HostPublicKey.Split(' ');
        var key = Convert.FromBase64String(parts[1]);
        Assert.True(KnownHosts.Parse([line], "k").Trusts("127.0.0.1", Server.Port, parts[0], key));
        Assert.False(KnownHosts.Parse([line], "k").Trusts("127.0.0.1", 22, parts[0], key));
        Assert.False(KnownHosts.Parse([line, "@revoked " + line], "k").Trusts("127.0.0.1", Server.Port, parts[0], key));
        Assert.Throws<InvalidDataException>(() => KnownHosts.Parse(["host ssh-ed25519"], "k"));
    }
}
