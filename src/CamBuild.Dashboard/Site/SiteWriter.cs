namespace CamBuild.Dashboard.Site;

/// <summary>
/// Writes the site into a temporary directory beside <c>site/</c>, then swaps it in with two renames; the old site is
/// deleted afterwards. A run killed at any moment leaves either the old or the new site (or none, between the renames)
/// and hidden <c>.site.*</c> leftovers that the next run removes before it writes. Every file is written and fsynced
/// (with its directory) through the foundation's atomic writer before the swap.
/// </summary>
internal static class SiteWriter
{
    public static void Write(string siteDirectory, SiteContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var site = Path.GetFullPath(siteDirectory);
        var parent = Path.GetDirectoryName(site)!;
        var name = Path.GetFileName(site);
        Directory.CreateDirectory(parent);
        foreach (var leftover in Directory.EnumerateDirectories(parent, $".{name}.*"))
        {
            AtomicFile.DeleteTree(leftover);
        }
        var temporary = AtomicFile.TemporaryPathBeside(site);
        Directory.CreateDirectory(temporary);
        foreach (var (path, bytes) in content.Files)
        {
            var file = Path.Combine(temporary, path);
            AtomicFile.WriteAllBytes(file, bytes); // fsynced, so the swapped-in site never holds empty files after a crash
        }
        var old = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
        if (Directory.Exists(site))
        {
            Directory.Move(site, old);
        }
        if (!AtomicFile.PublishDirectory(temporary, site))
        {
            throw new IOException($"{site}: another Dashboard run published the site at the same time; run Dashboard again.");
        }
        AtomicFile.DeleteTree(old);
    }
}
