using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CamBuild.Common;

/// <summary>
/// The guard every YAML configuration loader runs before it builds a tree: a size limit, no tab indentation, no
/// anchors or aliases (a "billion laughs" bomb expands exponentially in whoever walks the tree, and a self-referencing
/// alias overflows YamlDotNet's node hashing), no key twice in one mapping, bounded nesting. Each problem names the
/// line, the column and the fix.
/// </summary>
public sealed partial class YamlDiagnostics
{
    /// <summary>Deeper nesting than any configuration file needs; a deeper document is refused, not walked.</summary>
    public const int MaximumDepth = 64;

    internal const string UnscannableMessage =
        "not valid YAML: the YAML reader could not scan the file; check indentation (spaces only) and quote texts with ': ', '#', '[' or '{'";

    /// <summary>Reads a configuration file through <see cref="InputText"/> (size limit, strict UTF-8); null when it cannot.</summary>
    public string? ReadFile(string path)
    {
        if (InputText.TryRead(path, File, out var text, out var problem))
        {
            return text;
        }
        _all.Add(problem!);
        return null;
    }

    /// <summary>True when <paramref name="yaml"/> may be loaded; otherwise its problems are added.</summary>
    public bool Guard(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var before = _all.Count;
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > InputText.MaximumBytes)
        {
            Add(1, 1, $"the file is larger than the limit of {InputText.MaximumBytes:N0} bytes; a configuration file this big is not one CamBuild reads: check that it is the right file, or split it");
            return false;
        }
        GuardTabs(yaml);
        if (_all.Count > before)
        {
            return false;
        }
        try
        {
            GuardEvents(yaml);
        }
        catch (YamlException exception)
        {
            Add((int)exception.Start.Line, (int)exception.Start.Column, $"not valid YAML: {exception.InnerException?.Message ?? exception.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1 throws these (not YamlException) for some malformed input (found by fuzzing).
            Add(1, 1, UnscannableMessage);
        }
        return _all.Count == before;
    }

    private void GuardTabs(string yaml)
    {
        var line = 1;
        var atIndent = true;
        var column = 1;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                (line, column, atIndent) = (line + 1, 1, true);
                continue;
            }
            if (atIndent && c == '\t')
            {
                Add(line, column, "a tab indents this line; YAML indents with spaces only: replace the tab with spaces");
                return;
            }
            if (c is not ' ' and not '-' and not '\r') atIndent = false;
            column++;
        }
    }

    private void GuardEvents(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var frames = new Stack<Frame>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case AnchorAlias alias:
                    Add(Mark(alias), $"alias '*{alias.Value}' is not allowed in configuration files; write the value out instead of using anchors and aliases");
                    return;
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    Add(Mark(anchored), $"anchor '&{anchored.Anchor.Value}' is not allowed in configuration files; write the value out instead of using anchors and aliases");
                    return;
                case MappingEnd or SequenceEnd:
                    frames.Pop();
                    continue;
            }
            if (current is not NodeEvent node)
            {
                continue;
            }
            if (frames.TryPeek(out var parent) && parent.Keys is not null)
            {
                if (parent.ExpectKey && node is Scalar key)
                {
                    if (parent.Keys.TryGetValue(key.Value, out var first))
                    {
                        Add(Mark(key), $"key '{key.Value}' appears twice in this mapping (first at line {first}); remove one of them");
                    }
                    else
                    {
                        parent.Keys.Add(key.Value, (int)key.Start.Line);
                    }
                }
                parent.ExpectKey = !parent.ExpectKey;
            }
            if (node is MappingStart or SequenceStart)
            {
                if (frames.Count >= MaximumDepth)
                {
                    Add(Mark(node), $"the document nests deeper than {MaximumDepth} levels; flatten it (no configuration file needs this depth)");
                    return;
                }
                frames.Push(new Frame(node is MappingStart ? new Dictionary<string, int>(StringComparer.Ordinal) : null));
            }
        }
    }

    private SourceLocation Mark(ParsingEvent at) => SourceLocation.Of(File, at.Start);

    private sealed class Frame(Dictionary<string, int>? keys)
    {
        public Dictionary<string, int>? Keys { get; } = keys;

        public bool ExpectKey { get; set; } = true;
    }
}
