using System.Text;
using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.SupplyChain.Tests.Attestation;

public sealed class DsseTests
{
    [Fact]
    public void Pae_is_the_dsse_v1_encoding_of_the_specification_example()
    {
        var pae = Dsse.PreAuthenticationEncoding("http://example.com/HelloWorld", "hello world"u8);
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void Pae_lengths_count_bytes_not_characters()
    {
        var pae = Dsse.PreAuthenticationEncoding("t", Encoding.UTF8.GetBytes("é"));
        Assert.Equal("DSSEv1 1 t 2 é", Encoding.UTF8.GetString(pae));
    }

    [Fact]
    public void A_statement_signed_by_a_trusted_key_verifies_and_names_the_signer()
    {
        using var t = new TrustFixture();
        var verified = AttestationVerifier.Verify(t.Envelope(TrustFixture.Provenance(), t.Release), StatementTypes.Provenance, t.Policy, TrustFixture.Subjects);
        Assert.Equal("release.pub", verified.Signer);
        Assert.Equal(t.Release.KeyId, verified.KeyId);
        Assert.Equal(StatementTypes.PredicateTypes[StatementTypes.Provenance], verified.Statement.GetProperty("predicateType").GetString());
    }

    [Fact]
    public void A_changed_payload_byte_is_refused()
    {
        using var t = new TrustFixture();
        var path = t.Envelope(TrustFixture.Provenance(), t.Release);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        var payload = Convert.FromBase64String((string)doc["payload"]!);
        var at = Encoding.UTF8.GetString(payload).IndexOf("test", StringComparison.Ordinal);
        payload[at] = (byte)'b';
        doc["payload"] = Convert.ToBase64String(payload);
        File.WriteAllText(path, doc.ToJsonString());
        var e = Assert.Throws<AttestationRefusedException>(() =>
            AttestationVerifier.Verify(path, StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains("does not verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_an_unlisted_key_is_refused()
    {
        using var t = new TrustFixture();
        var e = Assert.Throws<AttestationRefusedException>(() => AttestationVerifier.Verify(
            t.Envelope(TrustFixture.Provenance(), t.Stranger), StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains($"sha256:{t.Stranger.KeyId}, which", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_trusted_for_another_statement_type_is_refused()
    {
        using var t = new TrustFixture();
        var e = Assert.Throws<AttestationRefusedException>(() => AttestationVerifier.Verify(
            t.Envelope(TrustFixture.Provenance(), t.Ops), StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains("'ops.pub'", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not allow to sign provenance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swapped_subject_digest_is_refused_even_when_signed_by_a_trusted_key()
    {
        using var t = new TrustFixture();
        var other = Sha256.OfText("another rootfs");
        var e = Assert.Throws<AttestationRefusedException>(() => AttestationVerifier.Verify(
            t.Envelope(TrustFixture.Provenance(other), t.Release), StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains($"subject 'rootfs.tar' has sha256 {other.Hex}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_attestation_is_refused_as_unsigned()
    {
        using var t = new TrustFixture();
        var path = t.Envelope(TrustFixture.Provenance(), t.Release);
        File.Delete(path);
        var e = Assert.Throws<AttestationRefusedException>(() =>
            AttestationVerifier.Verify(path, StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InputException>(e);
    }

    [Fact]
    public void A_statement_of_another_type_is_refused()
    {
        using var t = new TrustFixture();
        var qualification = Statement.Create(StatementTypes.Qualification, TrustFixture.Subjects, new JsonObject());
        var e = Assert.Throws<AttestationRefusedException>(() => AttestationVerifier.Verify(
            t.Envelope(qualification, t.Release), StatementTypes.Provenance, t.Policy, TrustFixture.Subjects));
        Assert.Contains("expected an in-toto v1 provenance statement", e.Message, StringComparison.Ordinal);
    }
}
