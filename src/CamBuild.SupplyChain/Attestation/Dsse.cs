using System.Globalization;
using System.Text;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>The DSSE v1 pre-authentication encoding: <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal byte counts.</summary>
public static class Dsse
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    public static byte[] PreAuthenticationEncoding(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var result = new byte[prefix.Length + type.Length + middle.Length + payload.Length];
        prefix.CopyTo(result, 0);
        type.CopyTo(result, prefix.Length);
        middle.CopyTo(result, prefix.Length + type.Length);
        payload.CopyTo(result.AsSpan(prefix.Length + type.Length + middle.Length));
        return result;
    }
}
