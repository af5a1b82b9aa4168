using System.Text;

namespace CamBuild.CI;

/// <summary>Generates the CI files, writes them atomically, and checks the checked-in copies.</summary>
public static class CiFiles
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>All generated files, in a stable order: workflows by name, then the Jenkinsfile.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(CiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var graph = new CiTargetGraph(configuration.Targets);
        var files = configuration.GitHubWorkflows
            .OrderBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => GitHubWorkflowGenerator.Generate(configuration, w, graph))
            .ToList();
        if (configuration.Jenkins is { } jenkins)
        {
            var jenkinsfile = JenkinsfileGenerator.Generate(configuration, jenkins, graph);
            var problems = JenkinsfileStructure.Check(jenkinsfile.Content);
            if (problems.Count > 0)
                throw new CiConfigurationException($"The generated {jenkins.FileName} is not a valid declarative pipeline: {string.Join(" ", problems)}");
            files.Add(jenkinsfile);
        }
        foreach (var duplicate in files.GroupBy(f => f.RelativePath, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new CiConfigurationException($"Two generated CI files would be written to '{duplicate.Key}'; rename one workflow or the Jenkinsfile.");
        return files;
    }

    /// <summary>Writes every file whose content differs (temp file + rename); returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string root, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = FullPath(root, file);
            if (File.Exists(path) && File.ReadAllText(path, Utf8NoBom) == file.Content)
                continue;
            AtomicFile.WriteAllText(path, Secrets.MaskText(file.Content), Utf8NoBom);
            written.Add(file.RelativePath);
        }
        return written;
    }

    /// <summary>Compares the files on disk with the generated ones; CRLF line ends on disk count as LF.</summary>
    public static CiCheckResult Check(string root, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var stale = new List<StaleCiFile>();
        foreach (var file in files)
        {
            var path = FullPath(root, file);
            if (!File.Exists(path))
            {
                stale.Add(new StaleCiFile(file.RelativePath, StaleReason.Missing, LineDiff.Unified(file.RelativePath, null, file.Content)));
                continue;
            }
            var current = File.ReadAllText(path, Utf8NoBom).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (current != file.Content)
                stale.Add(new StaleCiFile(file.RelativePath, StaleReason.Different, LineDiff.Unified(file.RelativePath, current, file.Content)));
        }
        return new CiCheckResult(stale);
    }

    private static string FullPath(string root, GeneratedFile file)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var rootPath = Path.GetFullPath(root);
        var path = Path.GetFullPath(Path.Combine(rootPath, file.RelativePath));
        if (!path.StartsWith(rootPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new CiConfigurationException($"Generated CI file '{file.RelativePath}' would be written outside '{rootPath}'; use a path inside the repository.");
        return path;
    }
}
