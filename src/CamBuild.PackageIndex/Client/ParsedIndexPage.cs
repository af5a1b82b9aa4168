using CamBuild.Python.Index;

namespace CamBuild.PackageIndex.Client;

/// <param name="CoreMetadataSha256">sha256 of the PEP 658 file when the index announced one.</param>
internal sealed record ParsedFile(DistributionFile File, string? CoreMetadataSha256);

internal static class IndexPageRules
{
    /// <summary>PEP 629: a greater major version means this client cannot read the page.</summary>
    public static void CheckApiVersion(string? version, Uri pageUrl)
    {
        if (version is null)
            return;
        var major = version.Split('.')[0];
        if (!int.TryParse(major, out var number))
            throw new PackageIndexFormatException(pageUrl, $"repository/api version '{version}' is not 'major.minor'");
        if (number > 1)
            throw new PackageIndexFormatException(pageUrl, $"repository/api version {version} is newer than the supported 1.x");
    }

    /// <summary>"sha256=&lt;hex&gt;" or a PEP 503 URL fragment; null when absent or another algorithm.</summary>
    public static string? Sha256FromHashSpec(string? spec)
    {
        if (spec is null)
            return null;
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !spec[..eq].Equals("sha256", StringComparison.OrdinalIgnoreCase))
            return null;
        var hex = spec[(eq + 1)..].Trim().ToLowerInvariant();
        return Sha256Hex.IsValid(hex) ? hex : null;
    }

    /// <summary>
    /// A file name from a page becomes a path under the wheel directory: it must be one plain name (no separator, no
    /// <c>..</c>, no control character, not hidden), so that a hostile page cannot write outside that directory.
    /// </summary>
    public static void CheckFileName(string fileName, Uri pageUrl)
    {
        var problem =
            fileName.Length == 0 ? "is empty"
            : fileName.Length > 255 ? "is longer than 255 characters"
            : fileName.IndexOfAny(['/', '\\']) >= 0 ? "contains a path separator"
            : fileName.Contains("..", StringComparison.Ordinal) ? "contains '..'"
            : fileName[0] == '.' ? "starts with '.'"
            : fileName.Any(char.IsControl) ? "contains a control character"
            : fileName.Contains(':', StringComparison.Ordinal) ? "contains ':'"
            : null;
        if (problem is not null)
            throw new PackageIndexFormatException(pageUrl,
                $"file name '{Printable(fileName)}' {problem}, so it is not a plain file name; the page is broken or hostile — ask the index owner to fix it");
    }

    /// <summary>Makes a name from a hostile page safe to show: control characters escaped, at most 200 characters.</summary>
    public static string Printable(string text)
    {
        var shown = string.Concat(text.Take(200).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return text.Length > 200 ? shown + "..." : shown;
    }

    public static ParsedFile Build(string project, string fileName, Uri absoluteUrl, string? sha256, string? requiresPython,
        string? yankedReason, bool hasCoreMetadata, string? coreMetadataSha256, Uri pageUrl)
    {
        CheckFileName(fileName, pageUrl);
        if (absoluteUrl.Scheme is not ("http" or "https"))
            throw new PackageIndexFormatException(pageUrl,
                $"file {fileName} links to a {absoluteUrl.Scheme}: URL; only http and https links are followed — ask the index owner to fix the page");
        if (sha256 is null)
            throw new PackageIndexFormatException(pageUrl,
                $"file {fileName} has no sha256 hash; CamBuild needs one for every file to produce hash-locked installs — " +
                "configure the index to publish sha256 hashes");
        var withoutFragment = new UriBuilder(absoluteUrl) { Fragment = "" }.Uri;
        var file = new DistributionFile(project, fileName, withoutFragment, sha256,
            string.IsNullOrWhiteSpace(requiresPython) ? null : requiresPython.Trim(), yankedReason, hasCoreMetadata);
        return new ParsedFile(file, coreMetadataSha256);
    }
}
