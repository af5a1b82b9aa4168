using System.Globalization;
using CamBuild.Targets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Pipeline.Config;

/// <summary>
/// Reads a YAML mapping with positions: every problem is collected (<see cref="YamlDiagnostics"/>) and thrown
/// together as one <see cref="BuildInputException"/>, so a user fixes a file in one pass.
/// </summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly YamlDiagnostics _errors;

    public string File => _errors.File;

    private YamlMap(YamlMappingNode node, YamlDiagnostics errors)
    {
        _node = node;
        _errors = errors;
    }

    public static YamlMap Load(string path, string displayPath)
    {
        if (!System.IO.File.Exists(path))
            throw new BuildInputException($"{displayPath}: file not found. It is part of the checked-in configuration; restore it from git.");
        var guard = new YamlDiagnostics(displayPath);
        var text = guard.ReadFile(path);
        if (text is null || !guard.Guard(text))
            throw new BuildInputException(string.Join("\n", guard.Sorted));
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new BuildInputException($"{displayPath}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1 throws these (not YamlException) for some malformed input (found by fuzzing).
            throw new BuildInputException($"{displayPath}: invalid YAML: the YAML reader could not scan the file; check indentation (spaces only) and quote texts with ': ', '#', '[' or '{{'.");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new BuildInputException($"{displayPath}:1:1: expected a mapping of keys to values at the top level.");
        return new YamlMap(root, new YamlDiagnostics(displayPath));
    }

    public void Error(YamlNode at, string message) => _errors.Add(at, message);

    public void AllowOnly(params string[] keys)
    {
        foreach (var key in _node.Children.Keys.OfType<YamlScalarNode>().Where(k => !keys.Contains(k.Value)))
            Error(key, $"unknown key '{key.Value}'. {Capitalised(DidYouMean.Hint(key.Value ?? "", keys))}Allowed here: {string.Join(", ", keys)}.");
    }

    public YamlNode? Node(string key) => _node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public string? String(string key, bool required = true)
    {
        switch (Node(key))
        {
            case null:
                if (required) Error(_node, $"missing required key '{key}'.");
                return null;
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                return s.Value;
            case var other:
                Error(other, $"'{key}' must be a non-empty text value.");
                return null;
        }
    }

    public bool Bool(string key, bool fallback)
    {
        var text = String(key, required: false);
        if (text is null) return fallback;
        if (bool.TryParse(text, out var b)) return b;
        Error(Node(key)!, $"'{key}' must be true or false, not '{text}'.");
        return fallback;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var text = String(key, required: false);
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max) return i;
        Error(Node(key)!, $"'{key}' must be a whole number from {min} to {max}, not '{text}'.");
        return fallback;
    }

    public IReadOnlyList<string> Strings(string key, bool required = true) =>
        Sequence(key, required).Select(n => n is YamlScalarNode { Value: { Length: > 0 } v } ? v : Invalid(n)).OfType<string>().ToList();

    public IReadOnlyList<YamlMap> Maps(string key, bool required = true) =>
        Sequence(key, required).Select(n =>
        {
            if (n is YamlMappingNode m) return new YamlMap(m, _errors);
            Error(n, $"each entry of '{key}' must be a mapping (key: value lines).");
            return null;
        }).OfType<YamlMap>().ToList();

    public YamlMap? Map(string key)
    {
        var node = Node(key);
        if (node is YamlMappingNode m) return new YamlMap(m, _errors);
        Error(node ?? _node, node is null ? $"missing required section '{key}'." : $"'{key}' must be a mapping.");
        return null;
    }

    public YamlNode Position => _node;

    /// <summary>Throws every collected problem at once, top to bottom.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Any)
            throw new BuildInputException(string.Join(Environment.NewLine, _errors.Sorted));
    }

    private static string Capitalised(string hint) => hint.Length == 0 ? hint : char.ToUpperInvariant(hint[0]) + hint[1..];

    private IEnumerable<YamlNode> Sequence(string key, bool required)
    {
        switch (Node(key))
        {
            case null:
                if (required) Error(_node, $"missing required list '{key}'.");
                return [];
            case YamlSequenceNode seq:
                return seq.Children;
            case var other:
                Error(other, $"'{key}' must be a list.");
                return [];
        }
    }

    private string? Invalid(YamlNode n)
    {
        Error(n, "expected a non-empty text value.");
        return null;
    }
}
