using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Qualification.Suites;

/// <summary>Reads and validates one entry of the <c>suites</c> list.</summary>
internal static partial class SuiteReader
{
    private static readonly string[] Keys = ["name", "kind", "runs_on", "for_each_node", "command", "timeout", "junit", "files"];

    private const string CommandExample =
        "[\"{python}\", \"{root}/samples/acceptance/run.py\", \"--site\", \"{site}\", \"--junit\", \"{junit}\"]";

    public static SuiteDefinition? Read(YamlNode node, YamlDiagnostics problems, string root)
    {
        var before = problems.All.Count;
        var named = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode)
            && nameNode is YamlScalarNode { Value.Length: > 0 } nameScalar ? $"suite '{nameScalar.Value}'" : "a suite";
        var entries = problems.Mapping(node, named, Keys, SuiteYaml.Words);
        if (node is not YamlMappingNode)
        {
            return null;
        }
        var name = problems.Scalar(entries, "name", "a suite", node, "node-health");
        var what = name is null ? "a suite" : $"suite '{name}'";
        if (name is not null && !NamePattern().IsMatch(name))
        {
            problems.Add(entries["name"], $"suite name '{name}' must be 1-63 lower-case letters, digits and dashes starting with a letter or digit, e.g. node-health (it names files)");
        }
        var kind = ReadKind(entries, problems, what, node);
        var placement = ReadPlacement(entries, problems, what, node);
        var command = entries.TryGetValue("command", out var commandNode)
            ? problems.StringList(commandNode, "command", what, CommandExample)
            : Missing(problems, node, $"{what} is missing 'command'; add the argv list, e.g. 'command: {CommandExample}'");
        var timeout = ReadTimeout(entries, problems, what, node);
        var junit = ReadJUnit(entries, problems, what, node);
        var files = entries.TryGetValue("files", out var filesNode)
            ? (problems.StringList(filesNode, "files", what, "[samples/acceptance/**]") ?? []).Select(glob => Glob.Canonical(root, glob)).ToList()
            : [];
        CheckFiles(filesNode, files, problems, what, root);
        if (command is not null && placement is not null)
        {
            CheckPlaceholders(commandNode!, command, placement, files, problems, what);
        }
        if (problems.All.Count > before)
        {
            return null;
        }
        return new SuiteDefinition(name!, kind!.Value, placement!, command!, timeout!.Value, junit!, files, problems.At(node));
    }

    private static List<string>? Missing(YamlDiagnostics problems, YamlNode node, string message)
    {
        problems.Add(node, message);
        return null;
    }

    private static SuiteKind? ReadKind(Dictionary<string, YamlNode> entries, YamlDiagnostics problems, string what, YamlNode node)
    {
        var text = problems.Scalar(entries, "kind", what, node, "integration");
        switch (text)
        {
            case null:
                return null;
            case "integration":
                return SuiteKind.Integration;
            case "acceptance":
                return SuiteKind.Acceptance;
            default:
                problems.Add(entries["kind"], $"'kind' of {what} is '{text}'; write 'integration' or 'acceptance'");
                return null;
        }
    }

    private static SuitePlacement? ReadPlacement(Dictionary<string, YamlNode> entries, YamlDiagnostics problems, string what, YamlNode node)
    {
        var text = problems.Scalar(entries, "runs_on", what, node, "role:portal");
        bool? forEach = null;
        if (entries.TryGetValue("for_each_node", out var forEachNode))
        {
            forEach = forEachNode is YamlScalarNode { Value: "true" or "false" } flag ? flag.Value == "true" : null;
            if (forEach is null)
            {
                problems.Add(forEachNode, $"'for_each_node' of {what} must be true or false");
            }
        }
        if (text is null)
        {
            return null;
        }
        if (text == "host")
        {
            if (forEach == true)
            {
                problems.Add(forEachNode!, $"{what} runs on the host, so 'for_each_node' has no meaning; remove it or write 'runs_on: role:<role>'");
                return null;
            }
            return SuitePlacement.Host;
        }
        var role = text.StartsWith("role:", StringComparison.Ordinal) ? text[5..] : null;
        if (role is null || (role != SuitePlacement.AnyRole && !RolePattern().IsMatch(role)))
        {
            problems.Add(entries["runs_on"], $"'runs_on' of {what} is '{text}'; write 'host', 'role:<role>' (e.g. role:portal) or 'role:*' (any node)");
            return null;
        }
        return new SuitePlacement(false, role, forEach ?? false);
    }

    private static TimeSpan? ReadTimeout(Dictionary<string, YamlNode> entries, YamlDiagnostics problems, string what, YamlNode node)
    {
        var text = problems.Scalar(entries, "timeout", what, node, "5m");
        if (text is null)
        {
            return null;
        }
        if (DurationText.TryParse(text, out var timeout))
        {
            return timeout;
        }
        problems.Add(entries["timeout"], $"'timeout' of {what} is '{text}'; write a duration above 0 and at most 24h with units, e.g. 90s, 5m, 1m30s, 1h");
        return null;
    }

    private static string? ReadJUnit(Dictionary<string, YamlNode> entries, YamlDiagnostics problems, string what, YamlNode node)
    {
        var text = problems.Scalar(entries, "junit", what, node, "junit.xml");
        if (text is null)
        {
            return null;
        }
        if (!Glob.IsContained(text) || !text.EndsWith(".xml", StringComparison.Ordinal)
            || SuitePlaceholders.Used(text).Any() || text.Contains('*', StringComparison.Ordinal))
        {
            problems.Add(entries["junit"], $"'junit' of {what} is '{text}'; write a relative file name ending in .xml without '..' or placeholders, e.g. junit.xml");
            return null;
        }
        return text;
    }

    private static void CheckFiles(YamlNode? filesNode, List<string> files, YamlDiagnostics problems, string what, string root)
    {
        if (filesNode is not YamlSequenceNode sequence)
        {
            return;
        }
        foreach (var (glob, item) in files.Zip(sequence.Children.Where(item => item is YamlScalarNode { Value.Length: > 0 })))
        {
            if (!Glob.IsContained(glob))
            {
                problems.Add(item, $"'files' of {what}: '{glob}' leaves the repository; write a path relative to the repository root, e.g. samples/acceptance/**");
            }
            else if (Glob.Expand(root, glob, Glob.PythonByteCode).Count == 0)
            {
                problems.Add(item, $"'files' of {what}: '{glob}' matches no file below the repository root; fix the path (relative to the repository root) or remove the entry");
            }
        }
    }

    private static void CheckPlaceholders(YamlNode commandNode, List<string> command, SuitePlacement placement, List<string> files,
        YamlDiagnostics problems, string what)
    {
        foreach (var name in command.SelectMany(SuitePlaceholders.Used).Distinct())
        {
            if (!SuitePlaceholders.Names.Contains(name))
            {
                problems.Add(commandNode, $"'command' of {what} uses unknown placeholder {{{name}}}; known: {string.Join(", ", SuitePlaceholders.Names.Select(known => "{" + known + "}"))}");
            }
            else if (name == "node" && placement.OnHost)
            {
                problems.Add(commandNode, $"'command' of {what} uses {{node}} but runs on the host; write 'runs_on: role:<role>' or remove {{node}}");
            }
            else if (name == "root" && !placement.OnHost && files.Count == 0)
            {
                problems.Add(commandNode, $"'command' of {what} uses {{root}} inside a node but lists no 'files'; add the files it needs, e.g. 'files: [samples/acceptance/**]'");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();
}
