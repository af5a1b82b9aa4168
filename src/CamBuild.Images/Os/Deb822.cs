namespace CamBuild.Images.Os;

/// <summary>One deb822 paragraph, kept verbatim (for the flat repo) plus a case-insensitive field view.</summary>
public sealed class Deb822Stanza
{
    public Deb822Stanza(string text, IReadOnlyDictionary<string, string> fields)
    {
        Text = text;
        Fields = fields;
    }

    public string Text { get; }
    public IReadOnlyDictionary<string, string> Fields { get; }

    public string? this[string field] => Fields.TryGetValue(field, out var v) ? v : null;
}

/// <summary>Streaming reader for Debian control-style files (Packages, Release, .sources).</summary>
public static class Deb822
{
    public static IEnumerable<Deb822Stanza> Read(TextReader reader)
    {
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                if (lines.Count > 0) yield return Build(lines);
                lines.Clear();
                continue;
            }
            lines.Add(line);
        }
        if (lines.Count > 0) yield return Build(lines);
    }

    internal static IEnumerable<Deb822Stanza> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var s in Read(reader)) yield return s;
    }

    private static Deb822Stanza Build(List<string> lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var l in lines)
        {
            if (l.StartsWith('#')) continue;
            if ((l[0] == ' ' || l[0] == '\t') && current is not null)
            {
                fields[current] += "\n" + l.Trim();
                continue;
            }
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            current = l[..colon];
            fields[current] = l[(colon + 1)..].Trim();
        }
        return new Deb822Stanza(string.Join('\n', lines), fields);
    }
}
