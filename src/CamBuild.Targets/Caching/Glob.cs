using System.Text;
using System.Text.RegularExpressions;

namespace CamBuild.Targets.Caching;

/// <summary>Expands globs relative to a root: <c>*</c> and <c>?</c> within a segment, <c>**</c> across segments.</summary>
public static class Glob
{
    public static IReadOnlyList<string> Expand(string root, string pattern)
    {
        pattern = pattern.Replace('\\', '/');
        if (Path.IsPathRooted(pattern)) pattern = Path.GetRelativePath(root, pattern).Replace('\\', '/');
        var firstWild = pattern.IndexOfAny(['*', '?']);
        if (firstWild < 0)
            return File.Exists(Path.Combine(root, pattern)) ? [pattern] : [];

        var baseDir = pattern[..(pattern.LastIndexOf('/', firstWild) + 1)];
        var start = Path.Combine(root, baseDir);
        if (!Directory.Exists(start)) return [];
        var regex = ToRegex(pattern);
        return Directory.EnumerateFiles(start, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => regex.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
