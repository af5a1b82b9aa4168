using System.Text;

namespace CamBuild.CI.Yaml;

/// <summary>Writes a <see cref="YamlMap"/> document with two-space indentation and '\n' line ends.</summary>
internal static class YamlWriter
{
    public static string Write(YamlMap document)
    {
        var output = new StringBuilder();
        WriteMap(output, document, 0);
        return output.ToString();
    }

    private static void WriteMap(StringBuilder output, YamlMap map, int indent)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.BlankLineBefore)
                output.Append('\n');
            output.Append(' ', indent);
            WriteEntry(output, entry, indent);
        }
    }

    // Writes "key: ..." starting at the current position; nested content is indented under the key.
    private static void WriteEntry(StringBuilder output, YamlEntry entry, int indent)
    {
        output.Append(YamlScalars.FormatKey(entry.Key)).Append(':');
        switch (entry.Value)
        {
            case null:
                output.Append('\n');
                break;
            case YamlScalar scalar:
                output.Append(' ').Append(Format(scalar)).Append('\n');
                break;
            case YamlLiteral literal:
                output.Append(" |\n");
                foreach (var line in literal.Lines)
                    output.Append(' ', indent + 2).Append(line).Append('\n');
                break;
            case YamlSequence { Flow: true } flow:
                output.Append(" [")
                    .AppendJoin(", ", flow.Items.Cast<YamlScalar>().Select(s => YamlScalars.Format(s.Value, inFlow: true)))
                    .Append("]\n");
                break;
            case YamlSequence { Items.Count: 0 }:
                output.Append(" []\n");
                break;
            case YamlSequence sequence:
                output.Append('\n');
                WriteSequence(output, sequence, indent + 2);
                break;
            case YamlMap { Entries.Count: 0 }:
                output.Append(" {}\n");
                break;
            case YamlMap map:
                output.Append('\n');
                WriteMap(output, map, indent + 2);
                break;
            default:
                throw new ArgumentException($"Unsupported YAML node {entry.Value.GetType().Name}.", nameof(entry));
        }
    }

    private static string Format(YamlScalar scalar) => scalar.Verbatim ? scalar.Value : YamlScalars.Format(scalar.Value);

    private static void WriteSequence(StringBuilder output, YamlSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            output.Append(' ', indent).Append("- ");
            switch (item)
            {
                case YamlScalar scalar:
                    output.Append(Format(scalar)).Append('\n');
                    break;
                case YamlMap { Entries.Count: > 0 } map:
                    WriteEntry(output, map.Entries[0], indent + 2);
                    foreach (var entry in map.Entries.Skip(1))
                    {
                        output.Append(' ', indent + 2);
                        WriteEntry(output, entry, indent + 2);
                    }
                    break;
                default:
                    throw new ArgumentException("Sequence items must be scalars or non-empty maps.", nameof(sequence));
            }
        }
    }
}
