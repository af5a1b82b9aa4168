using System.Security.Cryptography;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.Dashboard.Tests.Support;

/// <summary>
/// The fixture's "local" signing key, derived from a fixed scalar so that its key id (which the pages show) is the same on
/// every run. Test-only: it signs nothing outside the temporary fixture directory.
/// </summary>
internal static class FixtureKey
{
    public static void Install(string keysDirectory)
    {
        Directory.CreateDirectory(keysDirectory);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = SHA256.HashData("cambuild dashboard fixture key"u8),
        });
        var privatePath = Path.Combine(keysDirectory, LocalSigningKey.FileName);
        using (var stream = new FileStream(privatePath, new FileStreamOptions
               {
                   Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
        {
            stream.Write(AtomicFile.Utf8.GetBytes(PemEncoding.WriteString("PRIVATE KEY", ecdsa.ExportPkcs8PrivateKey()) + "\n"));
        }
        File.WriteAllText(Path.Combine(keysDirectory, LocalSigningKey.PublicFileName),
            PemEncoding.WriteString("PUBLIC KEY", ecdsa.ExportSubjectPublicKeyInfo()) + "\n");
    }
}
