using YamlDotNet.RepresentationModel;

namespace CamBuild.Deploy.Config;

/// <summary>Collects configuration errors with the position of the YAML node they are about.</summary>
internal sealed class YamlErrors(string file)
{
    private readonly List<ConfigError> errors = [];

    public string File { get; } = file;

    public IReadOnlyList<ConfigError> All => errors;

    public void Add(YamlNode at, string message) => errors.Add(new ConfigError(File, (int)at.Start.Line, (int)at.Start.Column, message));

    public void Add(int line, int column, string message) => errors.Add(new ConfigError(File, line, column, message));

    /// <summary>Reports keys that are not in <paramref name="allowed"/>; returns the known entries by name.</summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Add(node, $"{what} must be a mapping with keys {string.Join(", ", allowed)}");
            return entries;
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Add(keyNode, $"unknown key '{key}' in {what}; allowed: {string.Join(", ", allowed)}");
            }
            else if (!entries.TryAdd(key, value))
            {
                Add(keyNode, $"key '{key}' appears twice in {what}");
            }
        }
        return entries;
    }

    public string? Text(Dictionary<string, YamlNode> entries, string key, string what, YamlNode parent, bool required)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            if (required)
            {
                Add(parent, $"{what} is missing the required key '{key}'");
            }
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }
        Add(node, $"'{key}' in {what} must be a non-empty string");
        return null;
    }

    public int? Integer(Dictionary<string, YamlNode> entries, string key, string what, int minimum)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= minimum)
        {
            return value;
        }
        Add(node, $"'{key}' in {what} must be an integer of at least {minimum}, got '{(node as YamlScalarNode)?.Value}'");
        return null;
    }
}
