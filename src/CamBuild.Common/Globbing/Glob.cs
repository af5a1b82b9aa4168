using System.IO.Enumeration;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CamBuild.Common;

/// <summary>
/// The one glob, on Microsoft.Extensions.FileSystemGlobbing, relative to a root with <c>/</c> separators: <c>*</c> and
/// <c>?</c> stay inside one path segment, <c>**</c> spans segments (also none), a plain directory means everything
/// below it, a plain file means itself. Results are relative paths, sorted ordinally.
/// </summary>
public static class Glob
{
    /// <summary>Python byte code: written by running the code, so it must never change what a glob selects.</summary>
    public static readonly IReadOnlyList<string> PythonByteCode = ["**/__pycache__/**", "**/*.pyc"];

    /// <summary>The files under <paramref name="root"/> that <paramref name="pattern"/> selects, minus <paramref name="exclude"/>.</summary>
    public static IReadOnlyList<string> Expand(string root, string pattern, IReadOnlyList<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        pattern = Normalise(pattern);
        if (Path.IsPathRooted(pattern))
        {
            pattern = Path.GetRelativePath(root, pattern).Replace('\\', '/');
        }
        if (!HasWildcard(pattern) && File.Exists(Path.Combine(root, pattern)))
        {
            return Excluded(pattern, exclude) ? [] : [pattern];
        }
        pattern = Canonical(root, pattern);
        if (!Directory.Exists(root))
        {
            return [];
        }
        var matcher = MatcherFor(pattern, exclude);
        return matcher.GetResultsInFullPath(root)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => OneCharacterRuleHolds(pattern, path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether <paramref name="relativePath"/> (with <c>/</c>) is selected by <paramref name="pattern"/>, as a file.</summary>
    public static bool IsMatch(string pattern, string relativePath, IReadOnlyList<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        pattern = Normalise(pattern);
        return MatcherFor(pattern, exclude).Match(relativePath).HasMatches && OneCharacterRuleHolds(pattern, relativePath);
    }

    /// <summary>Whether a glob stays inside its root (relative, no <c>..</c> segment).</summary>
    public static bool IsContained(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normal = pattern.Replace('\\', '/');
        return normal.Length > 0 && !normal.StartsWith('/') && !Path.IsPathRooted(normal)
            && !normal.Split('/').Any(segment => segment == "..");
    }

    /// <summary>The glob as stored: normalised, and a plain directory written as <c>directory/**</c>.</summary>
    public static string Canonical(string root, string pattern)
    {
        ArgumentNullException.ThrowIfNull(root);
        var normal = Normalise(pattern);
        return !HasWildcard(normal) && IsContained(normal) && Directory.Exists(Path.Combine(root, normal))
            ? normal.TrimEnd('/') + "/**"
            : normal;
    }

    /// <summary>The glob with <c>/</c> separators and without a leading <c>./</c>.</summary>
    public static string Normalise(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normal = pattern.Replace('\\', '/');
        while (normal.StartsWith("./", StringComparison.Ordinal))
        {
            normal = normal[2..];
        }
        return normal;
    }

    public static bool HasWildcard(string pattern) =>
        pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal);

    private static Matcher MatcherFor(string pattern, IReadOnlyList<string>? exclude)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        // FileSystemGlobbing knows '*' and '**' only; '?' is matched as '*' here and held to one character below.
        matcher.AddInclude(pattern.Replace('?', '*'));
        foreach (var excluded in exclude ?? [])
        {
            matcher.AddExclude(excluded);
        }
        return matcher;
    }

    private static bool Excluded(string path, IReadOnlyList<string>? exclude)
    {
        if (exclude is not { Count: > 0 })
        {
            return false;
        }
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(exclude);
        return matcher.Match(path).HasMatches;
    }

    /// <summary>Where the pattern has <c>?</c>, the path must have exactly one character (segments are already checked).</summary>
    private static bool OneCharacterRuleHolds(string pattern, string path) =>
        !pattern.Contains('?', StringComparison.Ordinal)
        || FileSystemName.MatchesSimpleExpression(pattern.Replace("**/", "*", StringComparison.Ordinal).Replace("/**", "*", StringComparison.Ordinal), path, ignoreCase: false);
}
