namespace CamBuild.Targets.Caching;

/// <summary>
/// The differences between a recorded run's inputs and the inputs now, as lines a user reads: which input file was
/// added, removed or changed, which value changed (shown only when it was safe to record; otherwise by hash), which
/// output of a dependency changed. Long lists are cut after <see cref="MaxPerKind"/> entries.
/// </summary>
internal static class CacheExplanation
{
    public const int MaxPerKind = 20;

    public static IReadOnlyList<string> Differences(CacheRecord recorded, CacheInputs now)
    {
        var lines = new List<string>();
        var files = now.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        Compare(lines, recorded.Files!, files, "input file");

        var values = now.Values.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var (name, old) in recorded.Values!.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!values.TryGetValue(name, out var current)) lines.Add($"value '{name}' is no longer an input");
            else if (current.Sha256 != old.Sha256) lines.Add($"value '{name}' changed: {Show(old.Shown, old.Sha256)} -> {Show(current.Shown, current.Sha256)}");
        }

        foreach (var v in now.Values.Where(v => !recorded.Values!.ContainsKey(v.Name)))
            lines.Add($"value '{v.Name}' is a new input: {Show(v.Shown, v.Sha256)}");

        var upstream = now.Upstream.GroupBy(u => u.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(u => u.Path, u => u.Sha256, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var target in recorded.Upstream!.Keys.Union(upstream.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            Compare(lines, recorded.Upstream.GetValueOrDefault(target) ?? [], upstream.GetValueOrDefault(target) ?? [], $"output of {target}");

        if (lines.Count == 0) lines.Add("the key changed but no recorded input did (the target's name or the key's format changed)");
        return lines;
    }

    private static void Compare(List<string> lines, IDictionary<string, string> recorded, IReadOnlyDictionary<string, string> now, string what)
    {
        var added = now.Keys.Where(p => !recorded.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var removed = recorded.Keys.Where(p => !now.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var changed = now.Where(kv => recorded.TryGetValue(kv.Key, out var sha) && sha != kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        Add(lines, changed, $"{what} changed");
        Add(lines, added, $"{what} added");
        Add(lines, removed, $"{what} removed");
    }

    private static void Add(List<string> lines, List<string> paths, string label)
    {
        lines.AddRange(paths.Take(MaxPerKind).Select(p => $"{label}: {p}"));
        if (paths.Count > MaxPerKind) lines.Add($"{label}: ... and {paths.Count - MaxPerKind} more");
    }

    /// <summary>A value as recorded: quoted when it was safe to keep, otherwise the start of its hash.</summary>
    private static string Show(string? shown, string sha) => shown is not null ? $"'{shown}'" : $"(hashed) sha256:{sha[..12]}";
}
