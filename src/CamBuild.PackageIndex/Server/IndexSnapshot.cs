using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>An immutable view of the served directory at one point in time.</summary>
internal sealed class IndexSnapshot
{
    private readonly Dictionary<string, Dictionary<string, IndexedFile>> _byProject;

    internal IndexSnapshot(IEnumerable<IndexedFile> files, IReadOnlyCollection<string> projects)
    {
        _byProject = projects.ToDictionary(p => p, _ => new Dictionary<string, IndexedFile>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in files)
            _byProject[file.Project][file.FileName] = file;
        Projects = [.. _byProject.Keys.Order(StringComparer.Ordinal)];
        ContentDigest = ComputeDigest();
    }

    /// <summary>Normalized project names, sorted.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>sha256 over the sorted (project, file name, file hash, yank state) lines; changes whenever served content does.</summary>
    public string ContentDigest { get; }

    public bool HasProject(string project) => _byProject.ContainsKey(project);

    /// <summary>Files of a project sorted by name; empty when unknown.</summary>
    public IReadOnlyList<IndexedFile> FilesOf(string project) =>
        _byProject.TryGetValue(project, out var files) ? [.. files.Values.OrderBy(f => f.FileName, StringComparer.Ordinal)] : [];

    public IndexedFile? Find(string project, string fileName) =>
        _byProject.TryGetValue(project, out var files) && files.TryGetValue(fileName, out var file) ? file : null;

    public IEnumerable<IndexedFile> AllFiles => Projects.SelectMany(FilesOf);

    private string ComputeDigest()
    {
        var text = new StringBuilder();
        foreach (var file in AllFiles)
        {
            var yank = file.YankedReason is null ? "-" : "yanked:" + file.YankedReason.Replace("\n", "\\n", StringComparison.Ordinal);
            text.Append(file.Project).Append('/').Append(file.FileName).Append('\t')
                .Append(file.Sha256).Append('\t').Append(yank).Append('\n');
        }
        return Sha256.Of(Encoding.UTF8.GetBytes(text.ToString())).Hex;
    }
}
