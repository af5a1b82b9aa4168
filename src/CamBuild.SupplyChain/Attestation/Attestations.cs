namespace CamBuild.SupplyChain.Attestation;

/// <summary>Where envelopes live and how they are written: <c>&lt;statement file&gt;.dsse.json</c> beside what they attest, written atomically.</summary>
public static class Attestations
{
    public const string Suffix = ".dsse.json";

    /// <summary><c>provenance.json</c> → <c>provenance.dsse.json</c>; <c>x.json</c> → <c>x.dsse.json</c>.</summary>
    public static string EnvelopePath(string statementPath) =>
        statementPath.EndsWith(".json", StringComparison.Ordinal) ? statementPath[..^".json".Length] + Suffix : statementPath + Suffix;

    public static string Write(string envelopePath, string statementJson, SigningKey key)
    {
        AtomicFile.WriteAllText(envelopePath, DsseEnvelope.SignStatement(statementJson, key).ToJson());
        return envelopePath;
    }
}
