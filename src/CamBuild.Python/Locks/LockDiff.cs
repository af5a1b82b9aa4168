using System.Text;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Locks;

public enum LockChangeKind
{
    Added,
    Removed,
    Upgraded,
    Downgraded,

    /// <summary>Same version, different file hashes: the index now serves other files for it.</summary>
    Rehashed,
}

public sealed record LockChange(string Name, PythonVersion? OldVersion, PythonVersion? NewVersion, LockChangeKind Kind);

/// <summary>Compares two locks by package (PEP 440 ordering) and renders the result as an aligned table.</summary>
public static class LockDiff
{
    public static IReadOnlyList<LockChange> Compare(IEnumerable<LockedPackage> previous, IEnumerable<LockedPackage> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = previous.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var after = current.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var changes = new List<LockChange>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(name);
            var now = after.GetValueOrDefault(name);
            LockChangeKind? kind = (old, now) switch
            {
                (null, not null) => LockChangeKind.Added,
                (not null, null) => LockChangeKind.Removed,
                ({ } o, { } n) when n.Version > o.Version => LockChangeKind.Upgraded,
                ({ } o, { } n) when n.Version < o.Version => LockChangeKind.Downgraded,
                ({ } o, { } n) when o.Sha256Hashes.Count > 0 && n.Sha256Hashes.Count > 0 && !o.Sha256Hashes.SequenceEqual(n.Sha256Hashes) => LockChangeKind.Rehashed,
                _ => null,
            };
            if (kind is { } k)
            {
                changes.Add(new LockChange(name, old?.Version, now?.Version, k));
            }
        }

        return changes;
    }

    /// <summary>A plain-text table: package, old, new, change; "No changes." when empty.</summary>
    public static string RenderTable(IReadOnlyList<LockChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return "No changes.\n";
        }

        string[] header = ["package", "old", "new", "change"];
        var rows = changes.Select(c => new[]
        {
            c.Name, c.OldVersion?.ToString() ?? "-", c.NewVersion?.ToString() ?? "-", c.Kind.ToString().ToLowerInvariant(),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append(string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Line);
        var summary = changes.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        text.Append('\n').Append(string.Join(", ", summary)).Append('\n');
        return text.ToString();
    }
}
