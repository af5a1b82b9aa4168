namespace CamBuild.Deploy.Proxmox.Tests.BuildScript;

/// <summary>
/// Bad Proxmox settings through <c>./build.sh DeployEnvironment</c>: exit code 2 with the setting, the file and the fix,
/// before any call reaches the cluster. Hermetic (the simulator is never asked anything), so a unit test.
/// </summary>
public sealed class BuildScriptSettingsTests(CompiledBuildFixture build) : IClassFixture<CompiledBuildFixture>
{
    [Theory]
    [InlineData("clone", "sometimes", "provider setting 'clone' 'sometimes' is not known; use 'auto'")]
    [InlineData("placement", "random", "provider setting 'placement' 'random' is not known")]
    public async Task Bad_setting_exits_2_naming_it_and_the_file(string key, string value, string message)
    {
        _ = build;
        await using var root = await BuildRoot.BareAsync($$"""
            name: lab
            provider: proxmox
            network: { bridge: vmbr0, subnet: 10.80.0.0/24, gateway: 10.80.0.1 }
            provider_settings:
              api_url: https://127.0.0.1:9
              token_id: cambuild@pve!deploy
              storage: local-lvm
              {{key}}: {{value}}
            nodes:
              - { hostname: cam-node01, address: 10.80.0.11, roles: [svc:n1] }
            """);
        var run = await root.DeployAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}:\n{run.Output}");
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
        Assert.Contains("config/environments/lab.yaml", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_tls_pin_is_reported_with_both_fingerprints_by_the_build()
    {
        _ = build;
        await using var sim = await Simulator.ProxmoxSimulator.StartAsync();
        var pinned = string.Join(':', Enumerable.Repeat("AB", 32));
        await using var root = await BuildRoot.BareAsync($$"""
            name: lab
            provider: proxmox
            network: { bridge: vmbr0, subnet: 10.80.0.0/24, gateway: 10.80.0.1 }
            provider_settings:
              api_url: {{sim.Url}}
              token_id: {{Simulator.ProxmoxSimulator.TokenId}}
              tls_fingerprint: "{{pinned}}"
              storage: local-lvm
            nodes:
              - { hostname: cam-node01, address: 10.80.0.11, roles: [svc:n1] }
            """);
        var run = await root.DeployAsync(TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{run.Output}");
        Assert.Contains($"the certificate has SHA-256 {sim.Fingerprint}, tls_fingerprint pins {pinned}", run.Output, StringComparison.Ordinal);
        // The summary line names both fingerprints (the stack trace above it still shows .NET's stripped inner messages).
        Assert.Contains(run.Output.Split('\n'), l => l.Contains("error [DeployEnvironment]", StringComparison.Ordinal)
            && l.Contains($"tls_fingerprint pins {pinned}", StringComparison.Ordinal));
        Assert.DoesNotContain(Simulator.ProxmoxSimulator.TokenSecret, run.Output, StringComparison.Ordinal);
        Assert.Equal(0, sim.Calls);
    }
}
