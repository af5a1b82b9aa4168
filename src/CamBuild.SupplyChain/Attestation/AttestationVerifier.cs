using System.Text.Json;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>An attestation a gate or Verify refused: missing, not signed by a key trusted for its type, altered, or about another subject (exit 2).</summary>
public sealed class AttestationRefusedException(string message) : InputException(message);

/// <summary>An envelope that passed: who signed it and the statement it carries.</summary>
public sealed record VerifiedStatement(string StatementType, string Signer, string KeyId, JsonElement Statement, string Path);

/// <summary>
/// Checks a DSSE envelope the way every gate does: in-toto payload type; a signature over the PAE that verifies with
/// a key the policy trusts for <c>statementType</c>; the statement's type and predicate type; and each expected
/// subject present with its exact sha256.
/// </summary>
public static class AttestationVerifier
{
    public static VerifiedStatement Verify(string envelopePath, string statementType, TrustPolicy policy, IReadOnlyList<StatementSubject> expected)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(expected);
        if (!File.Exists(envelopePath))
            throw new AttestationRefusedException($"{envelopePath}: the signed {statementType} attestation is missing; refusing an unsigned {statementType}.");
        DsseEnvelope envelope;
        try
        {
            envelope = DsseEnvelope.Load(envelopePath);
        }
        catch (InputException e)
        {
            throw new AttestationRefusedException($"{e.Message} Refusing the {statementType}.");
        }
        if (envelope.PayloadType != Dsse.InTotoPayloadType)
            throw new AttestationRefusedException($"{envelopePath}: payload type '{envelope.PayloadType}', expected '{Dsse.InTotoPayloadType}'.");
        var payload = envelope.PayloadBytes();
        var pae = Dsse.PreAuthenticationEncoding(envelope.PayloadType, payload);
        var trusted = policy.For(statementType);
        var reasons = new List<string>();
        TrustedKey? signer = null;
        foreach (var s in envelope.Signatures)
        {
            if (!trusted.TryGetValue(s.KeyId ?? "", out var key))
            {
                var known = policy.Find(s.KeyId ?? "");
                reasons.Add(known is null
                    ? $"signed by key sha256:{s.KeyId}, which {policy.File} does not list"
                    : $"signed by '{known.Key.Name}' (sha256:{s.KeyId}), which {policy.File} does not allow to sign {statementType}");
                continue;
            }
            byte[] sig;
            try
            {
                sig = Convert.FromBase64String(s.Sig ?? "");
            }
            catch (FormatException)
            {
                reasons.Add($"the signature of '{key.Key.Name}' is not base64");
                continue;
            }
            if (key.Key.Verify(pae, sig))
            {
                signer = key;
                break;
            }
            reasons.Add($"the signature of '{key.Key.Name}' (sha256:{s.KeyId}) does not verify: the payload or the signature changed after signing");
        }
        if (signer is null)
        {
            throw new AttestationRefusedException($"{envelopePath}: no valid signature by a key trusted for {statementType}" +
                (reasons.Count == 0 ? " (the envelope has no signatures)" : ": " + string.Join("; ", reasons)) +
                $". Trusted for {statementType}: {(trusted.Count == 0 ? "none" : string.Join(", ", trusted.Values.Select(k => k.Key.Name)))}.");
        }

        JsonElement statement;
        try
        {
            statement = JsonDocument.Parse(payload).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AttestationRefusedException($"{envelopePath}: the signed payload is not JSON ({e.Message}).");
        }
        var type = statement.TryGetProperty("_type", out var t) ? t.GetString() : null;
        var predicate = statement.TryGetProperty("predicateType", out var p) ? p.GetString() : null;
        if (type != StatementTypes.StatementV1 || predicate != StatementTypes.PredicateTypes[statementType])
            throw new AttestationRefusedException($"{envelopePath}: a '{type}' statement of predicate type '{predicate}', expected an in-toto v1 {statementType} statement ({StatementTypes.PredicateTypes[statementType]}).");
        var subjects = Subjects(statement);
        foreach (var want in expected)
        {
            if (!subjects.TryGetValue(want.Name, out var digest))
                throw new AttestationRefusedException($"{envelopePath}: the signed statement has no subject '{want.Name}'; it is not about this {statementType}.");
            if (digest != want.Digest.Hex)
                throw new AttestationRefusedException($"{envelopePath}: subject '{want.Name}' has sha256 {digest} in the signed statement, but it is {want.Digest.Hex}; the attestation is about something else.");
        }
        return new VerifiedStatement(statementType, signer.Key.Name, signer.Key.KeyId, statement, envelopePath);
    }

    private static Dictionary<string, string?> Subjects(JsonElement statement)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!statement.TryGetProperty("subject", out var list) || list.ValueKind != JsonValueKind.Array) return result;
        foreach (var s in list.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("name", out var n) || n.GetString() is not { } name) continue;
            var sha = s.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("sha256", out var h) ? h.GetString() : null;
            result.TryAdd(name, sha);
        }
        return result;
    }
}
