using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Targets.Caching;

/// <summary>One input value of a cache key: its name, the sha256 of its text and, when it is safe to show, the text.</summary>
/// <param name="Shown">The value itself when short, on one line and free of any registered secret; otherwise null (only the hash is kept).</param>
internal sealed record ValueInput(string Name, string Sha256, string? Shown);

/// <summary>An output of a direct dependency as this target's key saw it.</summary>
internal sealed record UpstreamInput(string Target, string Path, string Sha256);

/// <summary>
/// Everything a target's cache key is made of, computed once per invocation: input files with their hashes, input
/// values (hashed; shown only when safe) and the outputs of its direct dependencies. The key is the hash of all three;
/// the parts are recorded beside it so that a later miss can say which input changed.
/// </summary>
internal sealed record CacheInputs(
    string Target,
    IReadOnlyList<(string Path, string Sha256)> Files,
    IReadOnlyList<ValueInput> Values,
    IReadOnlyList<UpstreamInput> Upstream)
{
    /// <summary>A value longer than this is recorded by its hash only.</summary>
    public const int MaxShownLength = 200;

    private string? _key;

    /// <summary>The cache key (stable across versions of the engine: the same inputs give the same key).</summary>
    public string Key => _key ??= ComputeKey();

    public static ValueInput Value(string name, string? value)
    {
        var text = value ?? "\u0000null";
        var shown = value is not null && value.Length <= MaxShownLength && !value.Contains('\n', StringComparison.Ordinal)
            && !value.Contains('\r', StringComparison.Ordinal) && !Secrets.Contains(value)
            ? value : null;
        return new ValueInput(name, Sha(text), shown);
    }

    private string ComputeKey()
    {
        var sb = new StringBuilder().Append("target\0").Append(Target).Append('\n');
        foreach (var (path, sha) in Files)
            sb.Append("in\0").Append(path).Append('\0').Append(sha).Append('\n');
        foreach (var v in Values)
            sb.Append("val\0").Append(v.Name).Append('\0').Append(v.Sha256).Append('\n');
        foreach (var u in Upstream)
            sb.Append("up\0").Append(u.Target).Append('\0').Append(u.Path).Append('\0').Append(u.Sha256).Append('\n');
        return Sha(sb.ToString());
    }

    internal static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
