using CamBuild.Python.Index;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Distributions;

/// <summary>All index files of one version of one project.</summary>
public sealed class Release
{
    internal Release(string project, PythonVersion version, IReadOnlyList<(DistributionFile File, DistributionFileName Name)> files)
    {
        Project = project;
        Version = version;
        Files = files;
    }

    public string Project { get; }

    internal PythonVersion Version { get; }

    internal IReadOnlyList<(DistributionFile File, DistributionFileName Name)> Files { get; }

    /// <summary>True when every file of the version is yanked (PEP 592 yanks per file; a release counts as yanked when all are).</summary>
    public bool IsYanked => Files.All(f => f.File.IsYanked);

    public string? YankedReason => IsYanked ? Files.Select(f => f.File.YankedReason).FirstOrDefault(r => r is { Length: > 0 }) ?? string.Empty : null;

    public override string ToString() => $"{Project} {Version}";
}

/// <summary>Every release of a project on the index, newest first.</summary>
internal sealed record ProjectReleases(string Project, IReadOnlyList<Release> Releases)
{
    public static ProjectReleases FromFiles(string project, IEnumerable<DistributionFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var releases = files
            .Select(f => (File: f, Name: DistributionFileName.TryParse(f)))
            .Where(f => f.Name is not null)
            .GroupBy(f => f.Name!.Version)
            .Select(g => new Release(
                project,
                g.Key,
                g.OrderBy(f => f.File.FileName, StringComparer.Ordinal).Select(f => (f.File, f.Name!)).ToArray()))
            .OrderByDescending(r => r.Version)
            .ToArray();
        return new ProjectReleases(project, releases);
    }
}
