namespace CamBuild.CI;

/// <summary>Where an uploaded artifact's files sit relative to the repository root.</summary>
internal static class ArtifactPaths
{
    private static readonly char[] Wildcards = ['*', '?', '[', '{'];

    /// <summary>
    /// The directory actions/upload-artifact strips from the uploaded paths: the deepest common
    /// directory of the globs' literal prefixes. Downloading into it restores the original layout.
    /// A glob without wildcards counts as a file when its last segment has a '.', else as a directory.
    /// </summary>
    public static string Root(IReadOnlyList<string> globs)
    {
        if (globs.Count == 0)
            throw new ArgumentException("At least one glob is needed.", nameof(globs));
        var prefixes = globs.Select(LiteralDirectory).ToList();
        var common = prefixes[0];
        foreach (var prefix in prefixes.Skip(1))
            common = common.Zip(prefix).TakeWhile(pair => pair.First == pair.Second).Select(pair => pair.First).ToArray();
        return common.Length == 0 ? "." : string.Join('/', common);
    }

    /// <summary>Rejects globs that would upload from outside the workspace or that GitHub cannot read.</summary>
    public static void Validate(string targetName, string glob)
    {
        var problem =
            string.IsNullOrWhiteSpace(glob) ? "is empty" :
            glob.Contains('\\', StringComparison.Ordinal) ? "uses '\\'; use '/' as the separator" :
            glob.StartsWith('/') || glob.StartsWith('~') ? "is absolute; make it relative to the repository root" :
            glob.StartsWith('!') ? "is an exclusion; list only the paths to upload" :
            glob.Split('/').Contains("..") ? "leaves the repository with '..'" :
            glob.Contains('\n', StringComparison.Ordinal) || glob.Contains('\'', StringComparison.Ordinal) ? "contains a quote or line break" :
            null;
        if (problem is not null)
            throw new CiConfigurationException($"CI target '{targetName}': artifact path '{glob}' {problem}.");
    }

    private static string[] LiteralDirectory(string glob)
    {
        var segments = glob.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        var literal = segments.TakeWhile(s => s.IndexOfAny(Wildcards) < 0).ToArray();
        var isFile = literal.Length == segments.Length && segments.Length > 0 && segments[^1].Contains('.', StringComparison.Ordinal);
        return isFile ? literal[..^1] : literal;
    }
}
