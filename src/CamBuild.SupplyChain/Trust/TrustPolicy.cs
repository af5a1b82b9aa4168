using CamBuild.SupplyChain.Attestation;
using YamlDotNet.RepresentationModel;

namespace CamBuild.SupplyChain.Trust;

/// <summary>A key the policy trusts and the statement types it may sign.</summary>
public sealed record TrustedKey(PublicKey Key, IReadOnlySet<string> Statements);

/// <summary>
/// <c>config/trust/policy.yaml</c>: which public keys (PEM files in <c>config/trust/</c>) may sign which statement
/// types, and whether this machine's local key (made on first use under <c>.nuke/temp/keys/</c>) is trusted:
/// <code>
/// local_key:
///   sign: [provenance, qualification, promotion, delivery, rebuild]
/// keys:
///   - file: release-2026.pub
///     sign: [promotion, delivery]
/// </code>
/// Every problem is reported at once as <c>file:line:column: message</c> (exit 2).
/// </summary>
public sealed class TrustPolicy
{
    public const string RelativeDirectory = "config/trust";
    public const string PolicyFileName = "policy.yaml";

    private static readonly string[] TopKeys = ["local_key", "keys"];
    private static readonly string[] LocalKeys = ["sign"];
    private static readonly string[] KeyKeys = ["file", "sign"];

    private TrustPolicy(string file, IReadOnlyList<TrustedKey> keys)
    {
        File = file;
        Keys = keys;
    }

    public string File { get; }

    public IReadOnlyList<TrustedKey> Keys { get; }

    /// <summary>Keys allowed to sign <paramref name="statementType"/>, by key id.</summary>
    public IReadOnlyDictionary<string, TrustedKey> For(string statementType) =>
        Keys.Where(k => k.Statements.Contains(statementType)).GroupBy(k => k.Key.KeyId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public TrustedKey? Find(string keyId) => Keys.FirstOrDefault(k => k.Key.KeyId == keyId);

    /// <param name="trustDirectory">config/trust.</param>
    /// <param name="localPublicKey">this machine's local public key file, when it exists.</param>
    public static TrustPolicy Load(string trustDirectory, string? localPublicKey)
    {
        var path = Path.Combine(trustDirectory, PolicyFileName);
        if (!System.IO.File.Exists(path))
            throw new InputException($"{path}: no trust policy; create it (see README, 'Supply chain') to say which keys may sign which statements.");
        return Parse(System.IO.File.ReadAllText(path), path, trustDirectory, localPublicKey);
    }

    public static TrustPolicy Parse(string yaml, string file, string trustDirectory, string? localPublicKey)
    {
        var problems = new YamlDiagnostics(file);
        var root = problems.Document(yaml);
        Throw(problems);
        var keys = new List<TrustedKey>();
        if (root is YamlScalarNode { Value: null or "" })
            return new TrustPolicy(file, keys);
        var top = problems.Mapping(root!, "the trust policy", TopKeys);
        if (top.TryGetValue("local_key", out var localNode))
        {
            var local = problems.Mapping(localNode, "local_key", LocalKeys);
            var sign = Statements(problems, local, "local_key", localNode);
            if (localPublicKey is not null && System.IO.File.Exists(localPublicKey) && sign.Count > 0)
                keys.Add(new TrustedKey(PublicKey.FromPem(System.IO.File.ReadAllText(localPublicKey), "local key", localPublicKey), sign));
        }
        if (top.TryGetValue("keys", out var keysNode))
        {
            if (keysNode is not YamlSequenceNode list)
            {
                problems.Add(keysNode, "'keys' must be a list of {file, sign} entries");
            }
            else
            {
                foreach (var item in list.Children)
                {
                    var entry = problems.Mapping(item, "a key entry", KeyKeys);
                    var name = problems.Text(entry, "file", "a key entry", item, required: true);
                    var sign = Statements(problems, entry, $"key '{name}'", item);
                    if (name is null) continue;
                    var keyPath = Path.Combine(trustDirectory, name);
                    if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
                        problems.Add(entry["file"], $"key file '{name}' must be a file name in {RelativeDirectory}/, not a path");
                    else if (!System.IO.File.Exists(keyPath))
                        problems.Add(entry["file"], $"key file '{name}' does not exist in {trustDirectory}; add the PEM public key there (openssl pkey -in key.pem -pubout)");
                    else
                    {
                        try
                        {
                            keys.Add(new TrustedKey(PublicKey.FromPem(System.IO.File.ReadAllText(keyPath), name, keyPath), sign));
                        }
                        catch (InputException e)
                        {
                            problems.Add(entry["file"], e.Message);
                        }
                    }
                }
            }
        }
        Throw(problems);
        return new TrustPolicy(file, keys);
    }

    private static HashSet<string> Statements(YamlDiagnostics problems, Dictionary<string, YamlNode> entries, string what, YamlNode parent)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!entries.ContainsKey("sign"))
        {
            problems.Add(parent, $"{what} needs 'sign': the statement types it may sign ({string.Join(", ", StatementTypes.All)})");
            return result;
        }
        foreach (var (value, node) in problems.Strings(entries, "sign", what))
        {
            if (StatementTypes.PredicateTypes.ContainsKey(value)) result.Add(value);
            else problems.Add(node, $"unknown statement type '{value}' in {what}; known: {string.Join(", ", StatementTypes.All)}");
        }
        return result;
    }

    private static void Throw(YamlDiagnostics problems)
    {
        if (problems.Any)
            throw new InputException($"{problems.All.Count} problem(s) in the trust policy:\n  " + string.Join("\n  ", problems.Sorted));
    }
}
