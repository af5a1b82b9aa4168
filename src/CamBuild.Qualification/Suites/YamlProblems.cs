using YamlDotNet.RepresentationModel;

namespace CamBuild.Qualification.Suites;

/// <summary>Collects problems of one YAML file with the position of the node each is about.</summary>
internal sealed class YamlProblems(string file)
{
    private readonly List<SuiteProblem> problems = [];

    public string File { get; } = file;

    public IReadOnlyList<SuiteProblem> All => problems;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Add(YamlNode node, string message) => problems.Add(new SuiteProblem(At(node), message));

    public void Add(SourceLocation location, string message) => problems.Add(new SuiteProblem(location, message));

    /// <summary>The entries of a mapping by key; reports unknown keys and a node that is not a mapping.</summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Add(node, $"{what} must be a mapping; write it as 'key: value' lines with the keys {string.Join(", ", allowed)}");
            return entries;
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Add(keyNode, $"unknown key '{key}' in {what}; {Suggest(key, allowed)}");
                continue;
            }
            entries[key] = value;
        }
        return entries;
    }

    /// <summary>A required non-empty scalar; reports it when missing or not a scalar.</summary>
    public string? Scalar(Dictionary<string, YamlNode> entries, string key, string what, YamlNode parent, string example)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            Add(parent, $"{what} is missing '{key}'; add it, e.g. '{key}: {example}'");
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }
        Add(node, $"'{key}' of {what} must be a non-empty text, e.g. '{key}: {example}'");
        return null;
    }

    /// <summary>A sequence of non-empty scalars (block or flow style).</summary>
    public List<string>? Strings(YamlNode node, string key, string what, string example)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Add(node, $"'{key}' of {what} must be a list, e.g. '{key}: {example}'");
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
                Add(item, $"every element of '{key}' of {what} must be a non-empty text; quote it if it contains ':' or '{{'");
            }
        }
        return values;
    }

    private static string Suggest(string key, IReadOnlyList<string> allowed)
    {
        var close = allowed.OrderBy(candidate => Distance(key, candidate)).First();
        var hint = Distance(key, close) <= 2 ? $"did you mean '{close}'? " : "";
        return $"{hint}allowed keys: {string.Join(", ", allowed)}";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
