using System.Text;
using CamBuild.Common;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Delivery.Config;

/// <summary>One problem in a delivery configuration file, at a 1-based line and column.</summary>
public sealed record ConfigProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>A delivery configuration file (channels.yaml, an environment's rollout section) is invalid: exit code 2.</summary>
public sealed class DeliveryConfigException(IReadOnlyList<ConfigProblem> problems) : InputException(Describe(problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        var text = new StringBuilder($"{problems.Count} problem(s) in the delivery configuration:");
        foreach (var problem in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column))
        {
            text.Append("\n  ").Append(problem);
        }
        return text.ToString();
    }
}

/// <summary>Collects problems with the position of the YAML node they are about.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<ConfigProblem> problems = [];

    public string File { get; } = file;

    public bool Any => problems.Count > 0;

    public void Add(YamlNode at, string message) => problems.Add(new ConfigProblem(File, (int)at.Start.Line, (int)at.Start.Column, message));

    public void Add(int line, int column, string message) => problems.Add(new ConfigProblem(File, line, column, message));

    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            throw new DeliveryConfigException(problems.ToList());
        }
    }

    /// <summary>Reports keys not in <paramref name="allowed"/> and duplicates; returns the known entries by name.</summary>
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

    public IReadOnlyList<(string Value, YamlNode Node)> Strings(Dictionary<string, YamlNode> entries, string key, string what)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Add(node, $"'{key}' in {what} must be a list");
            return [];
        }
        var values = new List<(string, YamlNode)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                values.Add((text, item));
            }
            else
            {
                Add(item, $"every item of '{key}' in {what} must be a non-empty string");
            }
        }
        return values;
    }

    /// <summary>Parses one YAML document; syntax errors become problems and stop the reading.</summary>
    public YamlNode? Document(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            Add((int)exception.Start.Line, (int)exception.Start.Column, $"not valid YAML: {exception.InnerException?.Message ?? exception.Message}");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            Add(1, 1, "expected exactly one YAML document");
            return null;
        }
        return stream.Documents[0].RootNode;
    }
}
