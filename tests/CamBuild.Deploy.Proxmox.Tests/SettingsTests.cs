using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Proxmox.Tests;

public sealed class SettingsTests
{
    private static EnvironmentSpec Env(Dictionary<string, string> settings) =>
        new("lab", "proxmox", new NetworkSpec("vmbr0", "10.80.0.0/24", "10.80.0.1"), [], settings);

    private static Dictionary<string, string> Valid() => new()
    {
        ["api_url"] = "https://pve1.example.org:8006", ["token_id"] = "cambuild@pve!deploy", ["storage"] = "local-lvm",
    };

    [Fact]
    public void Reads_defaults()
    {
        var s = ProxmoxSettings.FromEnvironment(Env(Valid()));
        Assert.Equal((ProxmoxAuthMode.ApiToken, "local", PlacementStrategy.Spread, "root", 2), (s.Auth, s.TemplateStorage, s.Placement, s.SshUser, s.MaxMutatingCallsPerMember));
        Assert.Null(s.TlsFingerprint);
        Assert.Equal(CloneMode.Auto, s.Cloning);
        Assert.Equal("cambuild-env-lab_1", ProxmoxSettings.EnvironmentTag("Lab 1"));
    }

    [Theory]
    [InlineData("api_url", "http://pve1:8006", "not an https URL")]
    [InlineData("token_id", "cambuild@pve", "not a token id")]
    [InlineData("tls_fingerprint", "AA:BB", "not a SHA-256 fingerprint")]
    [InlineData("placement", "random", "not known")]
    [InlineData("clone", "sometimes", "use 'auto' (default: linked clones where the storage supports them), 'linked' or 'full'")]
    [InlineData("secret", "x", "is not a Proxmox setting")]
    [InlineData("max_mutating_per_member", "0", "not an integer in 1..64")]
    [InlineData("ssh_hosts", "pve1", "member=host[:port]")]
    public void Bad_settings_name_the_key_and_the_fix(string key, string value, string problem)
    {
        var settings = Valid();
        settings[key] = value;
        var error = Assert.Throws<ProxmoxConfigurationException>(() => ProxmoxSettings.FromEnvironment(Env(settings)));
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("config/environments/lab.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_storage_is_reported()
    {
        var settings = Valid();
        settings.Remove("storage");
        Assert.Contains("'storage' is missing", Assert.Throws<ProxmoxConfigurationException>(() => ProxmoxSettings.FromEnvironment(Env(settings))).Message,
            StringComparison.Ordinal);
    }
}
