using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.SupplyChain.Sbom;

/// <summary>The parts of an SBOM that tools usually make random or take from the clock, derived from the candidate instead.</summary>
internal static class SbomIdentity
{
    public const string ToolName = "cambuild";

    /// <summary>Changes when the SBOM layout changes; part of the tool version the documents name.</summary>
    public const string FormatVersion = "sbom/1";

    public const string NamespaceBase = "https://github.com/ska-sa/cambuild/spdx/";

    /// <summary>SOURCE_DATE_EPOCH as an ISO 8601 UTC timestamp with seconds.</summary>
    public static string Timestamp(long sourceDateEpoch) =>
        DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A UUID (RFC 9562 layout, version nibble 5, variant 10) from the sha256 of the candidate id: the same candidate, the same serial.</summary>
    public static string SerialNumber(CandidateId id)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("cambuild-cyclonedx-serial:" + id.Value)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    public static string DocumentNamespace(SbomSubject s) => $"{NamespaceBase}{s.Name}-{s.Version}-{s.Id.Value}";
}
