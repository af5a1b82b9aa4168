namespace CamBuild.CI.Yaml;

/// <summary>A small ordered YAML document model; the writer decides the layout, so output is deterministic.</summary>
public abstract class YamlNode;

/// <summary>A string scalar; written plain when YAML reads it back as the same string, else single-quoted.</summary>
internal sealed class YamlScalar(string value, bool verbatim = false) : YamlNode
{
    public string Value { get; } = value;

    /// <summary>Written exactly as given: numbers, booleans.</summary>
    public bool Verbatim { get; } = verbatim;

    public static YamlScalar Number(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), verbatim: true);

    public static YamlScalar Boolean(bool value) => new(value ? "true" : "false", verbatim: true);
}

/// <summary>A literal block (<c>|</c>) of lines, e.g. a list of cache paths.</summary>
internal sealed class YamlLiteral(IEnumerable<string> lines) : YamlNode
{
    public IReadOnlyList<string> Lines { get; } = lines.ToList();
}

/// <summary>A sequence, written as a block (<c>- item</c>) or, for short scalar lists, in flow style (<c>[a, b]</c>).</summary>
internal sealed class YamlSequence(bool flow = false) : YamlNode
{
    private readonly List<YamlNode> items = [];

    public bool Flow { get; } = flow;

    public IReadOnlyList<YamlNode> Items => items;

    public YamlSequence Add(YamlNode item)
    {
        if (Flow && item is not YamlScalar)
            throw new ArgumentException("A flow sequence holds only scalars.", nameof(item));
        items.Add(item);
        return this;
    }

    public static YamlSequence Of(IEnumerable<string> values, bool flow = false)
    {
        var sequence = new YamlSequence(flow);
        foreach (var value in values)
            sequence.Add(new YamlScalar(value));
        return sequence;
    }
}

/// <summary>A mapping in insertion order. A null value is written as an empty entry (<c>key:</c>).</summary>
public sealed class YamlMap : YamlNode
{
    private readonly List<YamlEntry> entries = [];

    internal IReadOnlyList<YamlEntry> Entries => entries;

    public YamlMap Add(string key, YamlNode? value, bool blankLineBefore = false)
    {
        if (entries.Any(e => e.Key == key))
            throw new ArgumentException($"Duplicate YAML key '{key}'.", nameof(key));
        entries.Add(new YamlEntry(key, value, blankLineBefore));
        return this;
    }

    public YamlMap Add(string key, string value, bool blankLineBefore = false) => Add(key, new YamlScalar(value), blankLineBefore);

    public YamlMap AddIf(bool condition, string key, Func<YamlNode?> value) => condition ? Add(key, value()) : this;
}

internal sealed record YamlEntry(string Key, YamlNode? Value, bool BlankLineBefore);
