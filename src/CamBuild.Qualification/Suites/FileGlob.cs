using System.Text;
using System.Text.RegularExpressions;

namespace CamBuild.Qualification.Suites;

/// <summary>
/// Globs relative to a root, with <c>/</c> separators: <c>*</c> and <c>?</c> stay inside one path segment, <c>**</c>
/// spans segments, a plain directory means everything below it. Python byte code (<c>__pycache__/</c>, <c>*.pyc</c>)
/// never matches: running a suite writes it, and it must not change the suites hash.
/// </summary>
public static class FileGlob
{
    public static bool IsMatch(string glob, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(relativePath);
        return !IsByteCode(relativePath) && ToRegex(Normalise(glob)).IsMatch(relativePath);
    }

    /// <summary>Relative paths (sorted, ordinal) of the files under <paramref name="root"/> the glob selects.</summary>
    public static IReadOnlyList<string> Expand(string root, string glob)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pattern = Normalise(glob);
        var literal = pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)
            ? null
            : Path.Combine(root, pattern);
        if (literal is not null && Directory.Exists(literal))
        {
            pattern = pattern.TrimEnd('/') + "/**";
        }
        var start = Path.Combine(root, LiteralPrefix(pattern));
        if (!Directory.Exists(start))
        {
            return [];
        }
        var regex = ToRegex(pattern);
        return Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !IsByteCode(path) && regex.IsMatch(path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether a glob stays inside its root (relative, no <c>..</c> segment).</summary>
    public static bool IsContained(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = glob.Replace('\\', '/');
        return pattern.Length > 0 && !pattern.StartsWith('/') && !Path.IsPathRooted(pattern)
            && !pattern.Split('/').Any(segment => segment == "..");
    }

    /// <summary>The glob as stored: normalised, and a plain directory written as <c>directory/**</c>.</summary>
    public static string Canonical(string root, string glob)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pattern = Normalise(glob);
        var wildcard = pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal);
        return !wildcard && IsContained(pattern) && Directory.Exists(Path.Combine(root, pattern)) ? pattern.TrimEnd('/') + "/**" : pattern;
    }

    /// <summary>The glob with <c>/</c> separators and without a leading <c>./</c>.</summary>
    public static string Normalise(string glob)
    {
        var pattern = glob.Replace('\\', '/');
        while (pattern.StartsWith("./", StringComparison.Ordinal))
        {
            pattern = pattern[2..];
        }
        return pattern;
    }

    private static bool IsByteCode(string relativePath) =>
        relativePath.EndsWith(".pyc", StringComparison.Ordinal)
        || relativePath.Split('/').Any(segment => segment == "__pycache__");

    private static string LiteralPrefix(string pattern)
    {
        var segments = pattern.Split('/');
        var literal = segments.TakeWhile(segment => !segment.Contains('*', StringComparison.Ordinal)
            && !segment.Contains('?', StringComparison.Ordinal)).ToList();
        if (literal.Count == segments.Length)
        {
            literal.RemoveAt(literal.Count - 1);
        }
        return string.Join('/', literal);
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
