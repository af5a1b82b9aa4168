using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.SupplyChain.Tests.Attestation;

/// <summary>
/// A verifier that is not our code accepts our envelopes: verifiers/verify_dsse.py on Debian's python3 with
/// python3-cryptography (installed by the Prerequisites target) recomputes the PAE and checks the ECDSA signature.
/// </summary>
[Trait("Category", "integration")]
public sealed class PythonVerifierTests
{
    private const string DebianPython = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(RepositoryRoot.ProjectDirectory(), "verifiers", "verify_dsse.py");

    private static ProcessResult Run(string envelope, string publicKey)
    {
        var probe = TestProcess.Run(DebianPython, ["-c", "import cryptography"], TimeSpan.FromMinutes(1));
        Assert.True(probe.ExitCode == 0, $"Debian's python3-cryptography is missing (./build.sh Prerequisites installs it): {probe.Output}");
        return TestProcess.Run(DebianPython, ["-I", Script, envelope, publicKey], TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Python_cryptography_verifies_our_envelope()
    {
        using var t = new TrustFixture();
        var envelope = t.Envelope(TrustFixture.Provenance(), t.Release);
        var result = Run(envelope, t.Directory.Combine("trust", "release.pub"));
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"verified {t.Release.KeyId}", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_cryptography_refuses_a_changed_payload_and_another_key()
    {
        using var t = new TrustFixture();
        var envelope = t.Envelope(TrustFixture.Provenance(), t.Release);
        var doc = JsonNode.Parse(File.ReadAllText(envelope))!;
        var payload = Convert.FromBase64String((string)doc["payload"]!);
        payload[^2] ^= 1;
        doc["payload"] = Convert.ToBase64String(payload);
        File.WriteAllText(envelope, doc.ToJsonString());
        var changed = Run(envelope, t.Directory.Combine("trust", "release.pub"));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("does not verify", changed.StandardOutput, StringComparison.Ordinal);

        var other = Run(t.Envelope(TrustFixture.Provenance(), t.Stranger, "stranger.dsse.json"), t.Directory.Combine("trust", "release.pub"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("no signature by", other.StandardOutput, StringComparison.Ordinal);
    }
}
