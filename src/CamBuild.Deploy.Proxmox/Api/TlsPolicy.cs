using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// Server certificate check: the system trust store and host name by default, or a pinned SHA-256 fingerprint of
/// the exact certificate (Proxmox's own API client does the same for self-signed clusters). Never "accept any".
/// </summary>
public sealed class TlsPolicy
{
    private readonly byte[]? _pinnedSha256;

    private TlsPolicy(byte[]? pinned) => _pinnedSha256 = pinned;

    public static TlsPolicy SystemTrust { get; } = new(null);

    /// <param name="fingerprint">32 bytes as hex pairs separated by ':' (as shown by <c>pvenode cert info</c>).</param>
    public static TlsPolicy Pinned(string fingerprint) =>
        new(Convert.FromHexString(fingerprint.Replace(":", "", StringComparison.Ordinal)));

    public static string FingerprintOf(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    public bool Accept(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (_pinnedSha256 is null) return errors == SslPolicyErrors.None;
        if (certificate is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), _pinnedSha256);
    }
}
