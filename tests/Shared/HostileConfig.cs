using System.Text;
using System.Text.RegularExpressions;

namespace CamBuild.Fuzzing;

/// <summary>One hostile variant of a valid configuration file: its bytes, the line the refusal must name and a word of the fix.</summary>
internal sealed record HostileFile(string Case, byte[] Content, int Line, string Fix)
{
    public override string ToString() => Case;
}

/// <summary>
/// The hostile cases every configuration loader must refuse, made from the checked-in valid file so that each differs
/// from a loadable file only by the case: an alias bomb ("billion laughs"), a key given twice, a tab indenting a line,
/// a 10 MB file, a byte that is not UTF-8.
/// </summary>
internal static partial class HostileConfig
{
    public const string Bomb = "billion laughs";
    public const string DuplicateKey = "duplicate key";
    public const string Tab = "tab indentation";
    public const string TooBig = "10 MB file";
    public const string NotUtf8 = "non-UTF-8 byte";

    public static readonly string[] Names = [Bomb, DuplicateKey, Tab, TooBig, NotUtf8];

    public static HostileFile Make(string name, string validYaml)
    {
        var text = validYaml.EndsWith('\n') ? validYaml : validYaml + "\n";
        var lines = text.Split('\n').Length - 1;
        switch (name)
        {
            case Bomb:
                var bomb = new StringBuilder("lol0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
                for (var i = 1; i < 10; i++) bomb.Append($"lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
                return new HostileFile(name, Utf8(text + bomb), lines + 1, "write the value out");
            case DuplicateKey:
                var key = TopKey().Match(text).Groups[1].Value;
                return new HostileFile(name, Utf8(text + key + ": again\n"), lines + 1, "appears twice");
            case Tab:
                var all = text.Split('\n');
                var indented = Array.FindIndex(all, l => l.StartsWith("  ", StringComparison.Ordinal) && l.TrimStart().Length > 0 && !l.TrimStart().StartsWith('#'));
                all[indented] = "\t" + all[indented].TrimStart(' ');
                return new HostileFile(name, Utf8(string.Join('\n', all)), indented + 1, "replace the tab with spaces");
            case TooBig:
                var padding = new StringBuilder(text);
                var comment = "# " + new string('x', 1000) + "\n";
                while (padding.Length < 10 * 1024 * 1024) padding.Append(comment);
                return new HostileFile(name, Utf8(padding.ToString()), 1, "larger than the limit of 1,048,576 bytes");
            case NotUtf8:
                return new HostileFile(name, [.. Utf8(text + "# caf"), 0xE9, .. Utf8("\n")], lines + 1, "save the file as UTF-8");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "unknown hostile case");
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex(@"^([a-z_]+):", RegexOptions.Multiline)]
    private static partial Regex TopKey();
}

/// <summary>What every refusal of a hostile configuration file must show: exit 2 (an input error), file, line and the fix.</summary>
internal static class HostileAssert
{
    public static void Refused(Exception error, string fileName, int line, string fix)
    {
        Assert.IsAssignableFrom<CamBuild.Common.InputException>(error);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{fileName}:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in HostileConfig.Names) data.Add(name);
        return data;
    }
}
