using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// Server certificate check: the system trust store and host name by default, or a pinned SHA-256 fingerprint of
/// the exact certificate (Proxmox's own API client does the same for self-signed clusters). Never "accept any".
/// </summary>
internal sealed class TlsPolicy
{
    private readonly byte[]? _pinnedSha256;

    private TlsPolicy(byte[]? pinned) => _pinnedSha256 = pinned;

    public static TlsPolicy SystemTrust { get; } = new(null);

    /// <param name="fingerprint">32 bytes as hex pairs separated by ':' (as shown by <c>pvenode cert info</c>).</param>
    public static TlsPolicy Pinned(string fingerprint) =>
        new(Convert.FromHexString(fingerprint.Replace(":", "", StringComparison.Ordinal)));

    public static string FingerprintOf(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Why the last certificate was refused, for the error message (the runtime's own text is stripped in builds).</summary>
    public string? LastRefusal { get; private set; }

    public bool Accept(X509Certificate? certificate, SslPolicyErrors errors)
    {
        var actual = certificate is null ? null : SHA256.HashData(certificate.GetRawCertData());
        var accepted = _pinnedSha256 is null
            ? errors == SslPolicyErrors.None
            : actual is not null && CryptographicOperations.FixedTimeEquals(actual, _pinnedSha256);
        if (!accepted)
        {
            var seen = actual is null ? "no certificate was presented" : "the certificate has SHA-256 " + Hex(actual);
            LastRefusal = _pinnedSha256 is null
                ? $"{seen} and is not trusted by this machine ({errors}); trust the cluster's CA (/etc/pve/pve-root-ca.pem) or pin it with provider setting tls_fingerprint"
                : $"{seen}, tls_fingerprint pins {Hex(_pinnedSha256)}; if the certificate was renewed, check it with `pvenode cert info` on the node and update tls_fingerprint";
        }
        return accepted;
    }

    private static string Hex(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
