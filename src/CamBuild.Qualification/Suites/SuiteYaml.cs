using YamlDotNet.RepresentationModel;

namespace CamBuild.Qualification.Suites;

/// <summary>How the suites file words its problems, on the one collector (<see cref="YamlDiagnostics"/>).</summary>
internal static class SuiteYaml
{
    /// <summary>The suites file's wording of a bad mapping.</summary>
    public static readonly MappingWords Words = new(
        (what, keys) => $"{what} must be a mapping; write it as 'key: value' lines with the keys {keys}",
        (key, what, hint, keys) => $"unknown key '{key}' in {what}; {hint}allowed keys: {keys}");

    /// <summary>A required non-empty scalar; reports it when missing or not a scalar.</summary>
    public static string? Scalar(this YamlDiagnostics problems, Dictionary<string, YamlNode> entries, string key, string what, YamlNode parent, string example)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            problems.Add(parent, $"{what} is missing '{key}'; add it, e.g. '{key}: {example}'");
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }
        problems.Add(node, $"'{key}' of {what} must be a non-empty text, e.g. '{key}: {example}'");
        return null;
    }

    /// <summary>A sequence of non-empty scalars (block or flow style).</summary>
    public static List<string>? StringList(this YamlDiagnostics problems, YamlNode node, string key, string what, string example)
    {
        if (node is not YamlSequenceNode sequence)
        {
            problems.Add(node, $"'{key}' of {what} must be a list, e.g. '{key}: {example}'");
            return null;
        }
        var values = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                values.Add(value);
            }
            else
            {
                problems.Add(item, $"every element of '{key}' of {what} must be a non-empty text; quote it if it contains ':' or '{{'");
            }
        }
        return values;
    }
}
