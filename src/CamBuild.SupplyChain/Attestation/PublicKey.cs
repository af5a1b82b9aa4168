using System.Security.Cryptography;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>A trusted ECDSA P-256 public key (PEM "PUBLIC KEY"), identified by the sha256 of its DER SubjectPublicKeyInfo.</summary>
public sealed class PublicKey
{
    private readonly byte[] _der;

    private PublicKey(byte[] der, string name, string source)
    {
        _der = der;
        Name = name;
        Source = source;
        KeyId = Sha256.Of(der).Hex;
    }

    public string Name { get; }

    public string Source { get; }

    public string KeyId { get; }

    public static PublicKey FromDer(byte[] der, string name, string source) => new(der, name, source);

    public static PublicKey FromPem(string pem, string name, string source)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InputException($"{source}: not a PEM ECDSA public key ({e.Message}); export one with: openssl pkey -in signing.pem -pubout", e);
        }
        if (key.KeySize != 256)
            throw new InputException($"{source}: an ECDSA P-256 public key is required (found a {key.KeySize}-bit key).");
        return new PublicKey(key.ExportSubjectPublicKeyInfo(), name, source);
    }

    public bool Verify(byte[] data, byte[] derSignature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_der, out _);
        try
        {
            return key.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
