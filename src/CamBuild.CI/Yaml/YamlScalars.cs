using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.CI.Yaml;

/// <summary>Decides how a string is written so that YAML 1.1 and 1.2 readers both read it back unchanged as a string.</summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
        ".inf", "-.inf", "+.inf", ".nan",
    };

    public static string Format(string value, bool inFlow = false)
    {
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException("Multi-line scalars must be written as a YamlLiteral.", nameof(value));
        return NeedsQuotes(value, inFlow) ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : value;
    }

    /// <summary>Keys made of identifier characters stay plain (GitHub reads <c>on:</c> as the key "on"); others are quoted.</summary>
    public static string FormatKey(string key) =>
        PlainKey().IsMatch(key) ? key : "'" + key.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static bool NeedsQuotes(string value, bool inFlow)
    {
        if (value.Length == 0 || Reserved.Contains(value) || LooksNumeric(value))
            return true;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            return true;
        if ("!&*{}[]|>'\"%@`#,".Contains(value[0], StringComparison.Ordinal))
            return true;
        if (("-?:".Contains(value[0], StringComparison.Ordinal)) && (value.Length == 1 || value[1] == ' '))
            return true;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':'))
            return true;
        if (value.Contains('\t', StringComparison.Ordinal) || value.Any(char.IsControl))
            return true;
        return inFlow && value.IndexOfAny([',', '[', ']', '{', '}']) >= 0;
    }

    private static bool LooksNumeric(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || NumberLike().IsMatch(value);

    // Octal, hex, sexagesimal and underscore forms that YAML 1.1 readers turn into numbers.
    [GeneratedRegex(@"^[-+]?(0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9][0-9_]*(\.[0-9_]*)?)$")]
    private static partial Regex NumberLike();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainKey();
}
