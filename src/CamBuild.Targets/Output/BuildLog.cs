using System.Globalization;

namespace CamBuild.Targets.Output;

/// <summary>
/// Console log with optional colour and a plain, timestamped copy in a log file. Secrets are masked in both.
/// Warnings and errors are kept for the recap printed before the summary. On a terminal (<paramref name="live"/>)
/// the progress of a long step is one status line at the bottom, redrawn in place and cleared before every other
/// line; elsewhere (CI, a redirected output) each progress report is a line of its own.
/// </summary>
public sealed class BuildLog(TextWriter console, SecretMasker masker, Verbosity verbosity, bool colour, TextWriter? file = null,
    bool live = false, int width = 100) : IBuildLog
{
    /// <summary>Carriage return and erase-line: the status line is replaced, never scrolled.</summary>
    internal const string EraseLine = "\r\u001b[2K";

    private readonly Lock _gate = new();
    private readonly List<string> _problems = [];
    private readonly System.Diagnostics.Stopwatch _stepClock = new();
    private string _current = "";
    private string? _status;

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Whether console output is coloured (a terminal and NO_COLOR unset).</summary>
    public bool Coloured => colour;

    public void Section(string target, string? note)
    {
        lock (_gate) { ClearStatus(); _status = null; }
        _current = target;
        if (verbosity == Verbosity.Quiet) return;
        var title = note is null ? target : $"{target} ({note})";
        Write(Colour("1;36", $"━━━ {title} " + new string('━', Math.Max(3, 60 - title.Length))), "SEC");
    }

    public void Debug(string message) { if (verbosity >= Verbosity.Verbose) Write(Colour("2", message), "DBG"); else ToFile(message, "DBG"); }
    public void Info(string message) { if (verbosity >= Verbosity.Normal) Write(message, "INF"); else ToFile(message, "INF"); }
    public void Warn(string message) { Remember("warning", message); if (verbosity >= Verbosity.Minimal) Write(Colour("33", message), "WRN"); }
    public void Error(string message) { Remember("error", message); Write(Colour("31", message), "ERR"); }

    public void Progress(int done, int total, string message)
    {
        var line = $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(total.ToString(CultureInfo.InvariantCulture).Length)}/{total}] {message}";
        if (!live || verbosity < Verbosity.Normal)
        {
            Info(line);
            return;
        }

        lock (_gate)
        {
            WriteFile(masker.Apply(line), "INF");
            if (_status is null || done <= 1) _stepClock.Restart();
            ClearStatus();
            _status = done >= total ? null : ProgressLine.Render(done, total, masker.Apply(message), _stepClock.Elapsed, colour, width);
            if (done >= total) console.WriteLine(masker.Apply(line));
            DrawStatus();
        }
    }

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
            ClearStatus();
            console.WriteLine(masked);
            WriteFile(masked, level);
            DrawStatus();
        }
    }

    /// <summary>Ends the live status line (before the summary).</summary>
    public void EndProgress()
    {
        lock (_gate) { ClearStatus(); _status = null; }
    }

    private void ClearStatus()
    {
        if (_status is not null) console.Write(EraseLine);
    }

    private void DrawStatus()
    {
        if (_status is null) return;
        console.Write(_status);
        console.Flush();
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
