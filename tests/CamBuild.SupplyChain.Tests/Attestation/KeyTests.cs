using CamBuild.SupplyChain.Attestation;

namespace CamBuild.SupplyChain.Tests.Attestation;

public sealed class KeyTests
{
    [Fact]
    public void The_local_key_is_made_once_with_mode_0600_and_reported_by_fingerprint()
    {
        using var dir = new TempDirectory();
        var log = new List<string>();
        using var first = LocalSigningKey.LoadOrCreate(dir.Combine("keys"), log.Add);
        using var second = LocalSigningKey.LoadOrCreate(dir.Combine("keys"), log.Add);
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("keys", LocalSigningKey.FileName)));
        var line = Assert.Single(log);
        Assert.Contains($"sha256:{first.KeyId}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", line, StringComparison.Ordinal);
        Assert.Equal(first.PublicKeyPem(), File.ReadAllText(dir.Combine("keys", LocalSigningKey.PublicFileName)));
    }

    [Fact]
    public void A_key_file_others_can_read_is_refused_with_the_fix()
    {
        using var dir = new TempDirectory();
        using var key = SigningKey.Generate("test");
        var path = dir.Write("key.pem", key.PrivateKeyPem());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<InputException>(() => KeyFile.Load(path));
        Assert.Contains($"chmod 600 {path}", e.Message, StringComparison.Ordinal);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var loaded = KeyFile.Load(path);
        Assert.Equal(key.KeyId, loaded.KeyId);
    }

    [Fact]
    public void A_key_that_is_not_p256_is_refused_without_echoing_it()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var e = Assert.Throws<InputException>(() => SigningKey.FromPem(pem, "SIGNING_KEY"));
        Assert.Contains("SIGNING_KEY", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_id_is_the_sha256_of_the_public_key_info_for_both_halves()
    {
        using var key = SigningKey.Generate("test");
        var pub = PublicKey.FromPem(key.PublicKeyPem(), "k", "k.pub");
        Assert.Equal(key.KeyId, pub.KeyId);
        Assert.Equal(Sha256.Of(key.PublicKeyDer.Span).Hex, key.KeyId);
    }
}
