using System.Text.RegularExpressions;

namespace CamBuild.Images.Os;

/// <summary>One apt repository: base URI, suite and components (binary "deb" only).</summary>
public sealed record AptSource(string Uri, string Suite, IReadOnlyList<string> Components)
{
    public string Line => $"deb {Uri} {Suite} {string.Join(' ', Components)}";
}

/// <summary>Reads the host's apt sources so the default mirror is whatever apt on this host uses.</summary>
internal static partial class HostAptSources
{
    /// <summary>The host's Debian sources for <paramref name="suite"/> and its -updates/-security suites, main only.</summary>
    public static IReadOnlyList<AptSource> ForSuite(string suite, string etcApt = "/etc/apt")
    {
        var all = ReadAll(etcApt);
        var wanted = new[] { suite, suite + "-updates", suite + "-security" };
        var picked = all
            .Where(s => wanted.Contains(s.Suite, StringComparer.Ordinal) && s.Components.Contains("main"))
            .Select(s => s with { Uri = s.Uri.TrimEnd('/'), Components = ["main"] })
            .DistinctBy(s => (s.Uri, s.Suite))
            .ToList();
        if (!picked.Any(s => s.Suite == suite))
        {
            throw new ImageBuildException(
                $"{etcApt}/sources.list(.d): no 'deb' source for suite '{suite}' with component 'main'. " +
                $"Pass the mirror explicitly, e.g. new AptSource(\"http://deb.debian.org/debian\", \"{suite}\", [\"main\"]).");
        }
        return picked;
    }

    public static IReadOnlyList<AptSource> ReadAll(string etcApt)
    {
        var result = new List<AptSource>();
        var list = Path.Combine(etcApt, "sources.list");
        if (File.Exists(list)) result.AddRange(ParseOneLine(File.ReadAllLines(list)));
        var dir = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                if (f.EndsWith(".list", StringComparison.Ordinal)) result.AddRange(ParseOneLine(File.ReadAllLines(f)));
                else if (f.EndsWith(".sources", StringComparison.Ordinal)) result.AddRange(ParseDeb822(f));
            }
        }
        return result;
    }

    internal static IEnumerable<AptSource> ParseOneLine(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal)) continue;
            line = OptionsBlock().Replace(line, " ");
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4) continue;
            yield return new AptSource(parts[1], parts[2], parts[3..]);
        }
    }

    internal static IEnumerable<AptSource> ParseDeb822(string path)
    {
        foreach (var stanza in Deb822.ReadFile(path))
        {
            if (stanza["Enabled"] is "no") continue;
            var types = (stanza["Types"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!types.Contains("deb")) continue;
            var components = (stanza["Components"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var uri in (stanza["URIs"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            foreach (var suite in (stanza["Suites"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                yield return new AptSource(uri, suite, components);
        }
    }

    [GeneratedRegex(@"\s\[[^\]]*\]\s")]
    private static partial Regex OptionsBlock();
}
