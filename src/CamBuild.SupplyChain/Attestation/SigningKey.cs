using System.Security.Cryptography;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>
/// An ECDSA P-256 signing key. <see cref="KeyId"/> is the key's fingerprint: sha256 of its DER SubjectPublicKeyInfo,
/// the same for the private key and its exported public key. Signatures are DER (RFC 3279) over SHA-256.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key, string source)
    {
        _key = key;
        Source = source;
        PublicKeyDer = key.ExportSubjectPublicKeyInfo();
        KeyId = Sha256.Of(PublicKeyDer.Span).Hex;
    }

    /// <summary>Where the key came from (a path or the name of an environment variable), never its content.</summary>
    public string Source { get; }

    public string KeyId { get; }

    public ReadOnlyMemory<byte> PublicKeyDer { get; }

    public string PublicKeyPem() => PemEncoding.WriteString("PUBLIC KEY", PublicKeyDer.Span) + "\n";

    public string PrivateKeyPem() => PemEncoding.WriteString("PRIVATE KEY", _key.ExportPkcs8PrivateKey()) + "\n";

    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public static SigningKey Generate(string source) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), source);

    /// <summary>A PEM private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY") on P-256; anything else is an input error naming <paramref name="source"/>.</summary>
    public static SigningKey FromPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var curve = key.ExportParameters(false).Curve;
            if (key.KeySize != 256 || curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new InputException($"signing key from {source}: an ECDSA key on curve P-256 is required (found a {key.KeySize}-bit key).");
            _ = key.ExportECPrivateKey();
            return new SigningKey(key, source);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InputException($"signing key from {source}: not a PEM ECDSA P-256 private key ({e.Message}); " +
                "create one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signing.pem && chmod 600 signing.pem", e);
        }
    }

    public void Dispose() => _key.Dispose();
}
