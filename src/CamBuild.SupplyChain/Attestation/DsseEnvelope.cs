using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>One signature of an envelope: the signer's key id (fingerprint) and the base64 DER ECDSA signature over the PAE.</summary>
public sealed record DsseSignature(
    [property: JsonPropertyName("keyid")] string KeyId,
    [property: JsonPropertyName("sig")] string Sig);

/// <summary>A DSSE envelope as the in-toto attestation framework writes it (<c>*.dsse.json</c>).</summary>
public sealed record DsseEnvelope(
    [property: JsonPropertyName("payloadType")] string PayloadType,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signatures")] IReadOnlyList<DsseSignature> Signatures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] PayloadBytes() => Convert.FromBase64String(Payload);

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sig = key.Sign(Dsse.PreAuthenticationEncoding(payloadType, payload));
        return new DsseEnvelope(payloadType, Convert.ToBase64String(payload), [new DsseSignature(key.KeyId, Convert.ToBase64String(sig))]);
    }

    public static DsseEnvelope SignStatement(string statementJson, SigningKey key) =>
        Sign(Dsse.InTotoPayloadType, Encoding.UTF8.GetBytes(statementJson), key);

    /// <summary>Reads an envelope file; anything that is not one is an <see cref="InputException"/> naming the file.</summary>
    public static DsseEnvelope Load(string path)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<DsseEnvelope>(File.ReadAllText(path), Json);
            if (envelope is null || string.IsNullOrEmpty(envelope.PayloadType) || envelope.Payload is null || envelope.Signatures is null)
                throw new InputException($"{path}: not a DSSE envelope (payloadType, payload and signatures are required).");
            _ = envelope.PayloadBytes();
            return envelope;
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}: not a DSSE envelope ({e.Message}).", e);
        }
        catch (FormatException e)
        {
            throw new InputException($"{path}: the payload is not base64 ({e.Message}).", e);
        }
    }
}
