using CamBuild.SupplyChain.Trust;

namespace CamBuild.SupplyChain.Tests.Attestation;

public sealed class TrustPolicyTests
{
    private static InputException Bad(string yaml)
    {
        using var t = new TrustFixture();
        var path = t.Directory.Write("trust/policy.yaml", yaml);
        return Assert.Throws<InputException>(() => TrustPolicy.Load(t.Directory.Combine("trust"), null));
    }

    [Fact]
    public void Every_problem_is_reported_with_file_line_and_column()
    {
        var e = Bad("keys:\n  - file: release.pub\n    sign: [provenance, sbom]\n  - file: missing.pub\n    sign: [delivery]\n  - file: ops.pub\nlocal_ky: {}\n");
        Assert.Contains("policy.yaml:3:24: unknown statement type 'sbom'", e.Message, StringComparison.Ordinal);
        Assert.Contains("policy.yaml:4:11: key file 'missing.pub' does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("policy.yaml:6:5: key 'ops.pub' needs 'sign'", e.Message, StringComparison.Ordinal);
        Assert.Contains("policy.yaml:7:1: unknown key 'local_ky'", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'local_key'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_is_not_a_public_key_is_reported_at_its_entry()
    {
        using var t = new TrustFixture();
        t.Directory.Write("trust/broken.pub", "not a key");
        t.Directory.Write("trust/policy.yaml", "keys:\n  - file: broken.pub\n    sign: [provenance]\n");
        var e = Assert.Throws<InputException>(() => TrustPolicy.Load(t.Directory.Combine("trust"), null));
        Assert.Contains("policy.yaml:2:11:", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a PEM ECDSA public key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_key_is_trusted_only_when_the_policy_says_so_and_it_exists()
    {
        using var t = new TrustFixture();
        var local = t.Directory.Write("keys/cambuild-local.pub", t.Stranger.PublicKeyPem());
        var withLocal = TrustPolicy.Parse("local_key:\n  sign: [provenance]\n", "policy.yaml", t.Directory.Combine("trust"), local);
        Assert.True(withLocal.For(StatementTypes.Provenance).ContainsKey(t.Stranger.KeyId));
        Assert.False(withLocal.For(StatementTypes.Delivery).ContainsKey(t.Stranger.KeyId));
        var without = TrustPolicy.Parse("keys: []\n", "policy.yaml", t.Directory.Combine("trust"), local);
        Assert.Empty(without.For(StatementTypes.Provenance));
    }

    [Fact]
    public void A_missing_policy_names_the_file()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InputException>(() => TrustPolicy.Load(dir.Path, null));
        Assert.Contains("policy.yaml: no trust policy", e.Message, StringComparison.Ordinal);
    }
}
