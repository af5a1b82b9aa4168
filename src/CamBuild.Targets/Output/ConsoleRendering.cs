using Spectre.Console;
using Spectre.Console.Rendering;

namespace CamBuild.Targets.Output;

/// <summary>
/// Renders a Spectre.Console widget to text, so it goes through the same masked writers as every other line.
/// Without colour (NO_COLOR, redirected output) no escape sequence is written and the width is fixed, so the
/// text is the same on every machine; trailing blanks are cut from each line.
/// </summary>
internal static class ConsoleRendering
{
    private const int Width = 500;

    public static string Render(IRenderable widget, bool colour)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = Width;
        console.Profile.Capabilities.Unicode = true;
        console.Write(widget);
        var lines = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).Trim('\n') + "\n";
    }

    public static Style StatusStyle(string status) => status switch
    {
        "Succeeded" => new Style(Color.Green),
        "Cached" => new Style(Color.Teal),
        "Failed" or "Aborted" => new Style(Color.Red, decoration: Decoration.Bold),
        "Skipped" => new Style(Color.Yellow),
        _ => new Style(decoration: Decoration.Dim),
    };
}
