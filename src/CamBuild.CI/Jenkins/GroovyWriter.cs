using System.Text;

namespace CamBuild.CI;

/// <summary>An indentation-aware line writer for Groovy blocks, four spaces per level, '\n' line ends.</summary>
internal sealed class GroovyWriter
{
    private readonly StringBuilder output = new();
    private int depth;

    public GroovyWriter Line(string text)
    {
        output.Append(' ', depth * 4).Append(text).Append('\n');
        return this;
    }

    public GroovyWriter Block(string header, Action<GroovyWriter> body)
    {
        Line(header + " {");
        depth++;
        body(this);
        depth--;
        return Line("}");
    }

    public override string ToString() => output.ToString();

    /// <summary>A single-quoted Groovy string: never interpolated, so '$' stays for the shell (and secrets stay out of Groovy).</summary>
    public static string Quote(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException("Groovy single-quoted strings here are one line.", nameof(value));
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }
}
