using System.Text;

namespace CamBuild.CI;

/// <summary>A unified diff of two texts by lines (longest common subsequence, three lines of context).</summary>
internal static class LineDiff
{
    private const int Context = 3;
    private const long MaxTableCells = 25_000_000;

    /// <param name="oldText">The text on disk, or null when the file does not exist.</param>
    public static string Unified(string path, string? oldText, string newText)
    {
        var oldLines = Lines(oldText ?? "");
        var newLines = Lines(newText);
        var output = new StringBuilder()
            .Append(oldText is null ? "--- /dev/null\n" : $"--- a/{path}\n")
            .Append($"+++ b/{path}\n");
        var edits = Edits(oldLines, newLines);
        if (edits.All(e => e.Kind == ' '))
        {
            if (oldText != newText)
                output.Append("(the files differ only in line ends or the final newline)\n");
            return output.ToString();
        }
        foreach (var (start, end) in Hunks(edits))
            AppendHunk(output, edits, start, end);
        return output.ToString();
    }

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
            return [];
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    // Each edit: ' ' kept, '-' removed, '+' added, with its 1-based line numbers in the old and new text.
    private static List<(char Kind, string Text, int OldLine, int NewLine)> Edits(string[] a, string[] b)
    {
        var edits = new List<(char, string, int, int)>();
        if ((long)(a.Length + 1) * (b.Length + 1) > MaxTableCells)
        {
            edits.AddRange(a.Select((line, i) => ('-', line, i + 1, 0)));
            edits.AddRange(b.Select((line, j) => ('+', line, a.Length, j + 1)));
            return edits;
        }
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
                edits.Add((' ', a[x++], x, ++y));
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
                edits.Add(('-', a[x++], x, y));
            else
                edits.Add(('+', b[y++], x, y));
        }
        return edits;
    }

    private static List<(int Start, int End)> Hunks(List<(char Kind, string Text, int OldLine, int NewLine)> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == ' ')
                continue;
            var start = Math.Max(0, i - Context);
            var end = Math.Min(edits.Count, i + 1 + Context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
                hunks[^1] = (hunks[^1].Start, end);
            else
                hunks.Add((start, end));
        }
        return hunks;
    }

    private static void AppendHunk(StringBuilder output, List<(char Kind, string Text, int OldLine, int NewLine)> edits, int start, int end)
    {
        var slice = edits.GetRange(start, end - start);
        var oldCount = slice.Count(e => e.Kind != '+');
        var newCount = slice.Count(e => e.Kind != '-');
        var oldStart = slice.FirstOrDefault(e => e.Kind != '+').OldLine;
        var newStart = slice.FirstOrDefault(e => e.Kind != '-').NewLine;
        // An empty side is numbered by the line before it, as diff -u does.
        if (oldCount == 0)
            oldStart = slice[0].OldLine;
        if (newCount == 0)
            newStart = slice[0].NewLine;
        output.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        foreach (var edit in slice)
            output.Append(edit.Kind).Append(edit.Text).Append('\n');
    }
}
