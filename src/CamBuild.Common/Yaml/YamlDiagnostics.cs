using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Common;

/// <summary>
/// The one YAML problem collector: every problem of a file is a <see cref="Diagnostic"/> at the node it is about, so a
/// user fixes the file in one pass. The mapping and scalar readers word their messages one way for every file.
/// </summary>
public sealed partial class YamlDiagnostics(string file)
{
    private readonly List<Diagnostic> _all = [];

    public string File { get; } = file;

    /// <summary>In the order found.</summary>
    public IReadOnlyList<Diagnostic> All => _all;

    /// <summary>Top to bottom, duplicates removed.</summary>
    public IReadOnlyList<Diagnostic> Sorted =>
        _all.Distinct().OrderBy(d => d.Location).ThenBy(d => d.Message, StringComparer.Ordinal).ToList();

    public bool Any => _all.Count > 0;

    public SourceLocation At(YamlNode node) => SourceLocation.Of(File, node);

    public void Add(YamlNode at, string message) => _all.Add(new Diagnostic(At(at), message));

    public void Add(SourceLocation at, string message) => _all.Add(new Diagnostic(at, message));

    public void Add(int line, int column, string message) => Add(new SourceLocation(File, line, column), message);

    /// <summary>
    /// The entries of a mapping by key. A node that is not a mapping, a key not in <paramref name="allowed"/> (with a
    /// "did you mean") and a repeated key are reported; <paramref name="words"/> picks the wording of one file family.
    /// </summary>
    public Dictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowed, MappingWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(allowed);
        words ??= MappingWords.Default;
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Add(node, words.NotAMapping(what, string.Join(", ", allowed)));
            return entries;
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Add(keyNode, words.UnknownKey(key, what, DidYouMean.Hint(key, allowed), string.Join(", ", allowed)));
            }
            else if (!entries.TryAdd(key, value))
            {
                Add(keyNode, $"key '{key}' appears twice in {what}");
            }
        }
        return entries;
    }

    /// <summary>A non-empty scalar; a missing required key and a value that is not a non-empty scalar are reported.</summary>
    public string? Text(Dictionary<string, YamlNode> entries, string key, string what, YamlNode parent, bool required)
    {
        ArgumentNullException.ThrowIfNull(entries);
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

    /// <summary>An integer of at least <paramref name="minimum"/>, when present.</summary>
    public int? Integer(Dictionary<string, YamlNode> entries, string key, string what, int minimum)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!entries.TryGetValue(key, out var node))
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= minimum)
        {
            return value;
        }
        Add(node, $"'{key}' in {what} must be an integer of at least {minimum}, got '{(node as YamlScalarNode)?.Value}'");
        return null;
    }

    /// <summary>A list of non-empty scalars, when present, each with its node.</summary>
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
        if (!Guard(yaml))
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
            Add((int)exception.Start.Line, (int)exception.Start.Column, $"not valid YAML: {exception.InnerException?.Message ?? exception.Message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Add(1, 1, UnscannableMessage);
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

/// <summary>How a family of configuration files words a bad mapping; the message shape stays <c>file:line:column: message</c>.</summary>
public sealed record MappingWords(Func<string, string, string> NotAMapping, Func<string, string, string, string, string> UnknownKey)
{
    /// <summary><c>unknown key 'k' in what; did you mean 'x'? allowed: a, b</c>.</summary>
    public static readonly MappingWords Default = new(
        (what, keys) => $"{what} must be a mapping with keys {keys}",
        (key, what, hint, keys) => $"unknown key '{key}' in {what}; {hint}allowed: {keys}");
}
