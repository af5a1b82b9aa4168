using System.Text;
using CamBuild.Dashboard.Model;
using CamBuild.Dashboard.Pages;

namespace CamBuild.Dashboard.Site;

/// <summary>Every file of the site, by path relative to its root (forward slashes): the pages, and copies of the qualification reports.</summary>
internal sealed class SiteContent
{
    private static readonly HashSet<string> TextFiles = new([".html", ".xml", ".log", ".txt", ".json", ".md"], StringComparer.OrdinalIgnoreCase);

    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public static SiteContent Build(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var content = new SiteContent();
        content.Add(ChannelsPage.File, ChannelsPage.Render(site));
        content.Add(EnvironmentPage.IndexFile, EnvironmentPage.RenderIndex(site));
        content.Add(CandidatesPage.File, CandidatesPage.Render(site));
        foreach (var channel in site.Channels)
        {
            content.Add(ChannelPage.FileOf(channel.Name), ChannelPage.Render(site, channel));
        }
        foreach (var release in site.Releases)
        {
            content.Add(ReleasePage.FileOf(release.Name), ReleasePage.Render(site, release));
            if (release.Notes is { } notes)
            {
                content.Add(notes.File, NotesPage.Render(site, notes));
                content.Add(Path.ChangeExtension(notes.File, ".md"), notes.Notes.ToMarkdown());
            }
            if (release.Qualification is { ReportFile: { } report, ReportSource: { } source })
            {
                content.CopyDirectory(source, report[..report.LastIndexOf('/')]);
            }
        }
        foreach (var environment in site.Environments)
        {
            content.Add(EnvironmentPage.FileOf(environment.Name), EnvironmentPage.Render(site, environment));
        }
        return content;
    }

    public string Text(string path) => Encoding.UTF8.GetString(_files[path]);

    private void Add(string path, string text) => _files[path] = Encoding.UTF8.GetBytes(Secrets.MaskText(text));

    /// <summary>The report directory as Qualify wrote it (report, JUnit, logs), so its relative links work inside the site.</summary>
    private void CopyDirectory(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            var bytes = File.ReadAllBytes(file);
            // The site may be published (GitHub Pages): text files get the same secret masking as every other output.
            _files.TryAdd(target + "/" + relative, TextFiles.Contains(Path.GetExtension(file))
                ? Encoding.UTF8.GetBytes(Secrets.MaskText(Encoding.UTF8.GetString(bytes)))
                : bytes);
        }
    }
}
