using System.Text;
using System.Text.Json;

namespace CamBuild.Release.Store;

/// <summary>Parses a channel's <c>.jsonl</c> history, naming the file and line of anything it cannot accept.</summary>
internal static class ChannelHistoryReader
{
    public static List<ReleaseEntry> Read(string path, string channel)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            text = reader.ReadToEnd();
        }

        var lines = text.Split('\n');
        var entries = new List<ReleaseEntry>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var isLast = i == lines.Length - 1;
            if (isLast && lines[i].Length == 0)
            {
                break;
            }

            if (isLast)
            {
                throw Bad(path, lineNumber, "the line has no terminating newline: an append was interrupted",
                    "remove the partial last line (history lines are otherwise never edited) and promote again");
            }

            entries.Add(Parse(path, lineNumber, lines[i], channel));
        }

        return entries;
    }

    private static ReleaseEntry Parse(string path, int lineNumber, string line, string channel)
    {
        ReleaseEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<ReleaseEntry>(line, ReleaseEntry.Json);
        }
        catch (JsonException e)
        {
            throw Bad(path, lineNumber, $"not a valid release entry ({e.Message})", "restore the line from a backup of the release store");
        }

        if (entry is null || entry.Format != ReleaseEntry.CurrentFormat)
        {
            throw Bad(path, lineNumber, $"unsupported release entry format {entry?.Format}", "use a CamBuild version that writes format 1");
        }

        if (entry.Channel != channel)
        {
            throw Bad(path, lineNumber, $"the entry names channel '{entry.Channel}' but is stored in channel '{channel}'",
                "restore the channel file from a backup of the release store");
        }

        return entry;
    }

    private static ReleaseDataException Bad(string path, int line, string problem, string fix) =>
        new($"{path}: line {line}: {problem}; {fix}.");
}
