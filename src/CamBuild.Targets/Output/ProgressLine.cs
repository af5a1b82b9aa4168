using System.Globalization;
using Spectre.Console;

namespace CamBuild.Targets.Output;

/// <summary>
/// The live status line of a long step on a terminal: a bar, the count, what is being done and how long the step has
/// taken so far, e.g. <c>━━━━━━━━━━━━━━━━━━━━────────── 7/15 web1 healthy · 12 s</c>. Rendered by Spectre.Console
/// markup; the message is escaped, so a package or host name is never read as markup.
/// </summary>
internal static class ProgressLine
{
    private const int BarWidth = 30;

    public static string Render(int done, int total, string message, TimeSpan elapsed, bool colour, int width)
    {
        total = Math.Max(total, 1);
        done = Math.Clamp(done, 0, total);
        var filled = (int)Math.Round(BarWidth * (double)done / total, MidpointRounding.ToZero);
        var count = $"{done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)}";
        var time = elapsed.TotalSeconds < 60
            ? $"{elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
            : $"{((int)elapsed.TotalMinutes).ToString(CultureInfo.InvariantCulture)}:{elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture)} min";
        var room = Math.Max(8, width - BarWidth - count.Length - time.Length - 6);
        var text = message.ReplaceLineEndings(" ");
        if (text.Length > room) text = text[..(room - 1)] + "…";
        var markup = $"[green]{new string('━', filled)}[/][grey]{new string('─', BarWidth - filled)}[/] [bold]{count}[/] {Markup.Escape(text)} [grey]· {time}[/]";
        return ConsoleRendering.Render(new Markup(markup), colour).TrimEnd('\n');
    }
}
