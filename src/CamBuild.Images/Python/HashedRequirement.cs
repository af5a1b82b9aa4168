using System.Text.RegularExpressions;

namespace CamBuild.Images.Python;

/// <summary>One pinned line of a hashed requirements.txt lock.</summary>
internal sealed record HashedRequirement(string Name, string Version, string? Marker, IReadOnlySet<string> Sha256s, int Line);

/// <summary>Reads the pip-compile style lock (<c>name==version \ --hash=sha256:…</c>) that pip installs with --require-hashes.</summary>
internal static partial class HashedRequirementsFile
{
    public static IReadOnlyList<HashedRequirement> Parse(string path)
    {
        var result = new List<HashedRequirement>();
        var lines = InputText.Read(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var logical = StripComment(lines[i]);
            while (logical.EndsWith('\\') && i + 1 < lines.Length)
                logical = logical[..^1] + " " + StripComment(lines[++i]);
            logical = logical.Trim();
            if (logical.Length == 0 || logical.StartsWith('-')) continue;
            var hashes = HashOption().Matches(logical).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var spec = HashOption().Replace(logical, " ").Trim();
            var m = Pin().Match(spec);
            if (!m.Success)
            {
                throw new ImageBuildException(
                    $"{path} line {start + 1}: '{spec}' is not an exact pin 'name==version'; re-generate the lock with the Pin step.");
            }
            if (hashes.Count == 0)
            {
                throw new ImageBuildException(
                    $"{path} line {start + 1}: '{m.Groups["name"].Value}' has no --hash=sha256:…; the bake installs only hash-verified wheels. Re-generate the lock with hashes.");
            }
            var marker = m.Groups["marker"].Success ? m.Groups["marker"].Value.Trim() : null;
            result.Add(new HashedRequirement(m.Groups["name"].Value, m.Groups["version"].Value, marker, hashes, start + 1));
        }
        return result;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        if (line.TrimStart().StartsWith('#')) return "";
        return hash >= 0 ? line[..hash] : line;
    }

    [GeneratedRegex(@"--hash[= ]sha256:([0-9a-fA-F]{64})")]
    private static partial Regex HashOption();

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*===?\s*(?<version>[^\s;]+)\s*(;(?<marker>.*))?$")]
    private static partial Regex Pin();
}
