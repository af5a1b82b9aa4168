using System.Text;

namespace CamBuild.Deploy.Deployment;

/// <summary>Quoting for values written into systemd unit files (systemd.syntax(7), systemd.unit(5) "Specifiers").</summary>
internal static class SystemdSyntax
{
    /// <summary>One word of a command line or an <c>Environment=</c> assignment: double-quoted, C escapes, <c>%</c> doubled;
    /// with <paramref name="command"/> also <c>$</c> doubled (command lines expand <c>$VAR</c>).</summary>
    public static string Quote(string value, bool command)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("\"");
        foreach (var character in value)
        {
            text.Append(character switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '%' => "%%",
                '$' when command => "$$",
                < ' ' => $"\\x{(int)character:x2}",
                _ => character.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>A setting that takes the rest of the line literally (Description=, WorkingDirectory=): specifiers escaped,
    /// line breaks refused.</summary>
    public static string Literal(string value, string setting)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the value of {setting}= must be one line: '{value}'", nameof(value));
        }
        return value.Replace("%", "%%", StringComparison.Ordinal).Trim();
    }
}
