using System.Globalization;

namespace CamBuild.Targets.Output;

/// <summary>
/// Console log with optional colour and a plain, timestamped copy in a log file. Secrets are masked in both.
/// Warnings and errors are kept for the recap printed before the summary.
/// </summary>
internal sealed class BuildLog(TextWriter console, SecretMasker masker, Verbosity verbosity, bool colour, TextWriter? file = null) : IBuildLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _problems = [];
    private string _current = "";

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Whether console output is coloured (a terminal and NO_COLOR unset).</summary>
    public bool Coloured => colour;

    public void Section(string target, string? note)
    {
        _current = target;
        if (verbosity == Verbosity.Quiet) return;
        var title = note is null ? target : $"{target} ({note})";
        Write(Colour("1;36", $"━━━ {title} " + new string('━', Math.Max(3, 60 - title.Length))), "SEC");
    }

    public void Debug(string message) { if (verbosity >= Verbosity.Verbose) Write(Colour("2", message), "DBG"); else ToFile(message, "DBG"); }
    public void Info(string message) { if (verbosity >= Verbosity.Normal) Write(message, "INF"); else ToFile(message, "INF"); }
    public void Warn(string message) { Remember("warning", message); if (verbosity >= Verbosity.Minimal) Write(Colour("33", message), "WRN"); }
    public void Error(string message) { Remember("error", message); Write(Colour("31", message), "ERR"); }

    public void Progress(int done, int total, string message) =>
        Info($"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(total.ToString(CultureInfo.InvariantCulture).Length)}/{total}] {message}");

    /// <summary>Writes a line without level or colour handling (help, plan, summary).</summary>
    public void Raw(string text) => Write(text, "   ");

    private void Remember(string level, string message)
    {
        lock (_gate) _problems.Add($"{level} [{_current}] {masker.Apply(message.Split('\n')[0])}");
    }

    private string Colour(string code, string text) => colour ? $"\u001b[{code}m{text}\u001b[0m" : text;

    private void Write(string message, string level)
    {
        var masked = masker.Apply(message);
        lock (_gate)
        {
            console.WriteLine(masked);
            WriteFile(masked, level);
        }
    }

    private void ToFile(string message, string level)
    {
        lock (_gate) WriteFile(masker.Apply(message), level);
    }

    /// <summary>Removes SGR colour sequences (ESC [ digits/; m) for the plain log file.</summary>
    private static string StripAnsi(string text)
    {
        if (!text.Contains('\u001b', StringComparison.Ordinal)) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '[')
            {
                var j = i + 2;
                while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] == ';')) j++;
                if (j < text.Length && text[j] == 'm') { i = j; continue; }
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private void WriteFile(string masked, string level)
    {
        if (file is null) return;
        var plain = colour ? StripAnsi(masked) : masked;
        foreach (var line in plain.Split('\n'))
            file.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {level} {_current,-18} {line}");
    }
}
