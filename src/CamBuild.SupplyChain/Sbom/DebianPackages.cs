namespace CamBuild.SupplyChain.Sbom;

/// <summary>One locked .deb as the OS lock has it: its mirror stanza's fields, its sha256 and where it came from.</summary>
public sealed record DebianStanza(IReadOnlyDictionary<string, string> Fields, Sha256 DebSha256, string DownloadUrl);

/// <summary>
/// Debian packages with their dependency relations resolved inside the set: each Depends/Pre-Depends clause points
/// at the first alternative that is installed (by name, or by a package that Provides it). Clauses satisfied by
/// nothing in the set (an optional alternative never installed) add no edge.
/// </summary>
public static class DebianPackages
{
    public static IReadOnlyList<DebianPackage> FromStanzas(IEnumerable<DebianStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        var list = stanzas.ToList();
        var byName = new Dictionary<string, List<(string Key, string Arch)>>(StringComparer.Ordinal);
        void Offer(string name, string key, string arch)
        {
            if (!byName.TryGetValue(name, out var keys)) byName[name] = keys = [];
            if (!keys.Contains((key, arch))) keys.Add((key, arch));
        }
        foreach (var s in list)
        {
            var name = Field(s, "Package");
            var arch = Field(s, "Architecture");
            Offer(name, $"{name}:{arch}", arch);
            foreach (var provided in Clauses(s.Fields.GetValueOrDefault("Provides")).SelectMany(c => c))
                Offer(provided, $"{name}:{arch}", arch);
        }

        var result = new List<DebianPackage>();
        foreach (var s in list)
        {
            var name = Field(s, "Package");
            var version = Field(s, "Version");
            var arch = Field(s, "Architecture");
            var (sourceName, sourceVersion) = Source(s.Fields.GetValueOrDefault("Source"), name, version);
            var depends = new SortedSet<string>(StringComparer.Ordinal);
            var relations = Clauses(s.Fields.GetValueOrDefault("Pre-Depends")).Concat(Clauses(s.Fields.GetValueOrDefault("Depends")));
            foreach (var alternatives in relations)
            {
                var target = alternatives.Select(a => Pick(byName, a, arch)).FirstOrDefault(k => k is not null);
                if (target is not null && target != $"{name}:{arch}") depends.Add(target);
            }
            result.Add(new DebianPackage(name, version, arch, s.DebSha256, s.DownloadUrl, sourceName, sourceVersion, [.. depends]));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private static string? Pick(Dictionary<string, List<(string Key, string Arch)>> byName, string name, string arch)
    {
        if (!byName.TryGetValue(name, out var keys)) return null;
        // Same architecture first, then Architecture: all, then whatever satisfies it (":any" relations).
        return keys.OrderBy(k => k.Arch == arch ? 0 : k.Arch == "all" ? 1 : 2).ThenBy(k => k.Key, StringComparer.Ordinal).First().Key;
    }

    /// <summary>"Source: glibc (2.36-9)" names the source and its version; without a version it is the binary's.</summary>
    internal static (string Name, string Version) Source(string? field, string binaryName, string binaryVersion)
    {
        if (string.IsNullOrWhiteSpace(field)) return (binaryName, binaryVersion);
        var text = field.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return (text, binaryVersion);
        var close = text.IndexOf(')', open);
        return (text[..open].Trim(), text[(open + 1)..(close < 0 ? text.Length : close)].Trim());
    }

    /// <summary>Comma-separated clauses of '|'-separated alternatives, reduced to package names.</summary>
    internal static IEnumerable<IReadOnlyList<string>> Clauses(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) yield break;
        foreach (var clause in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var names = clause.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(NameOf).Where(n => n.Length > 0).ToList();
            if (names.Count > 0) yield return names;
        }
    }

    private static string NameOf(string alternative)
    {
        var end = alternative.IndexOfAny([' ', '(', ':', '[', '<', '\n', '\t']);
        return (end < 0 ? alternative : alternative[..end]).Trim();
    }

    private static string Field(DebianStanza s, string name) =>
        s.Fields.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new InputException($"OS lock: a package stanza has no '{name}' field; re-create the lock with ./build.sh Pin --relock-os.");
}
