using CamBuild.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Qualification.Suites;

/// <summary>
/// Loads and validates <c>config/qualification/suites.yaml</c>. Every problem is collected and reported at once in a
/// <see cref="SuiteConfigurationException"/> naming file, line, column and the fix.
/// </summary>
public static class SuiteLoader
{
    public const string DefaultPath = "config/qualification/suites.yaml";

    private static readonly string[] TopKeys = ["format", "suites"];

    /// <param name="path">The suites file.</param>
    /// <param name="root">Repository root: the suites' <c>files</c> globs and <paramref name="extraHashInputs"/> are relative to it.</param>
    /// <param name="extraHashInputs">More globs whose files count in the suites hash without being staged by any suite.</param>
    public static SuiteSet Load(string path, string root, IEnumerable<string>? extraHashInputs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        var display = DisplayName(path, root);
        if (!File.Exists(path))
        {
            throw new SuiteConfigurationException(
                $"{display}: no such file; create it (see config/qualification/suites.yaml in the repository for the format)");
        }
        var read = new YamlDiagnostics(display);
        var text = read.ReadFile(path) ?? throw new SuiteConfigurationException(display, read.All);
        return Parse(text, display, root, extraHashInputs);
    }

    /// <param name="file">Name used in messages, e.g. <c>config/qualification/suites.yaml</c>.</param>
    public static SuiteSet Parse(string yaml, string file, string root, IEnumerable<string>? extraHashInputs = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var problems = new YamlDiagnostics(file);
        var suites = new List<SuiteDefinition>();
        var fullRoot = Path.GetFullPath(root);
        if (ReadDocument(yaml, problems) is { } document)
        {
            ReadSuites(document, problems, fullRoot, suites);
        }
        if (problems.All.Count > 0)
        {
            throw new SuiteConfigurationException(file, problems.All);
        }
        var files = new SortedDictionary<string, SuiteFile>(StringComparer.Ordinal);
        foreach (var glob in suites.SelectMany(suite => suite.Files))
        {
            AddFiles(fullRoot, glob, files);
        }
        foreach (var glob in extraHashInputs ?? [])
        {
            if (!Glob.IsContained(glob) || AddFiles(fullRoot, glob, files) == 0)
            {
                throw new InputException(
                    $"extra suites hash input '{glob}' matches no file under {fullRoot}; pass a glob relative to the repository root, e.g. samples/acceptance/**");
            }
        }
        return new SuiteSet(file, fullRoot, suites, files.Values.ToList(), SuitesHasher.Hash(suites, files.Values));
    }

    private static YamlNode? ReadDocument(string yaml, YamlDiagnostics problems)
    {
        // The one guard (size, tabs, anchors and aliases, duplicate keys, depth) runs before the tree is built: a
        // self-referencing alias overflows YamlDotNet's node hashing, an uncatchable stack overflow (found by fuzzing).
        if (!problems.Guard(yaml))
        {
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            var reason = (exception.InnerException?.Message ?? exception.Message).Trim();
            problems.Add(new SourceLocation(problems.File, (int)exception.Start.Line, (int)exception.Start.Column),
                $"not valid YAML: {reason}; fix the syntax (indent with spaces, quote texts that contain ': ' or start with '{{')");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1 throws these (not YamlException) for some malformed input (found by fuzzing).
            problems.Add(new SourceLocation(problems.File, 1, 1),
                "not valid YAML: the YAML reader could not scan the file; fix the syntax (indent with spaces, quote texts that contain ': ' or start with '{')");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add(new SourceLocation(problems.File, 1, 1), "the file is empty; add 'suites:' with at least one suite");
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    private static void ReadSuites(YamlNode document, YamlDiagnostics problems, string root, List<SuiteDefinition> suites)
    {
        var top = problems.Mapping(document, "the suites file", TopKeys, SuiteYaml.Words);
        if (top.TryGetValue("format", out var format) && format is not YamlScalarNode { Value: "1" })
        {
            problems.Add(format, "'format' must be 1 (the only format this version reads)");
        }
        if (!top.TryGetValue("suites", out var list))
        {
            if (document is YamlMappingNode)
            {
                problems.Add(document, "the suites file is missing 'suites'; add a list of suites, each with name, kind, runs_on, command, timeout and junit");
            }
            return;
        }
        if (list is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            problems.Add(list, "'suites' must be a non-empty list; start each suite with '- name: ...'");
            return;
        }
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var node in sequence.Children)
        {
            if (SuiteReader.Read(node, problems, root) is not { } suite)
            {
                continue;
            }
            if (names.TryGetValue(suite.Name, out var first))
            {
                problems.Add(suite.Location, $"suite name '{suite.Name}' is already used at {first}; give every suite a unique name");
                continue;
            }
            names.Add(suite.Name, suite.Location);
            suites.Add(suite);
        }
    }

    private static int AddFiles(string root, string glob, SortedDictionary<string, SuiteFile> files)
    {
        var matches = Glob.Expand(root, glob, Glob.PythonByteCode);
        foreach (var relative in matches.Where(relative => !files.ContainsKey(relative)))
        {
            files.Add(relative, SuitesHasher.HashFile(root, relative));
        }
        return matches.Count;
    }

    private static string DisplayName(string path, string root)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
