using System.Globalization;

namespace CamBuild.Targets.Output;

/// <summary>
/// Console log with optional colour and a plain, timestamped copy in a log file. Secrets are masked in both.
/// Warnings and errors are kept for the recap printed before the summary.
/// </summary>
public sealed class BuildLog(TextWriter console, SecretMasker masker, Verbosity verbosity, bool colour, TextWriter? file = null) : IBuildLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _problems = [];
    private string _current = "";

    public IReadOnlyList<string> Problems => _problems;

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

    private void WriteFile(string masked, string level)
    {
        if (file is null) return;
        var plain = System.Text.RegularExpressions.Regex.Replace(masked, "\u001b\\[[0-9;]*m", "");
        foreach (var line in plain.Split('\n'))
            file.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {level} {_current,-18} {line}");
    }
}
