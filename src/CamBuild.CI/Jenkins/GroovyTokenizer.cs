namespace CamBuild.CI;

/// <summary>Splits Groovy text into words, strings, symbols and newlines; comments are dropped.</summary>
internal static class GroovyTokenizer
{
    public static List<(string Kind, string Text, int Line)> Tokenize(string text, List<string> problems)
    {
        var tokens = new List<(string, string, int)>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                tokens.Add(("newline", "\n", line++));
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && At(text, i + 1, '/'))
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    problems.Add($"line {line}: a /* comment is never closed.");
                    end = text.Length - 2;
                }
                line += text.AsSpan(i, end + 2 - i).Count('\n');
                i = end + 2;
            }
            else if (c is '\'' or '"')
            {
                var startLine = line;
                var (value, next) = ReadString(text, i, ref line);
                if (next < 0)
                {
                    problems.Add($"line {startLine}: a string is never closed.");
                    return tokens;
                }
                tokens.Add(("string", value, startLine));
                i = next;
            }
            else if (char.IsLetter(c) || c is '_' or '$' or '@')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$' or '.' or '@'))
                    i++;
                tokens.Add(("word", text[start..i], line));
            }
            else
            {
                tokens.Add(("symbol", c.ToString(), line));
                i++;
            }
        }
        return tokens;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    // Returns the string's content and the index after it, or -1 when it is not closed.
    private static (string Value, int Next) ReadString(string text, int start, ref int line)
    {
        var quote = text[start];
        var triple = At(text, start + 1, quote) && At(text, start + 2, quote);
        var i = start + (triple ? 3 : 1);
        var contentStart = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == '\n')
            {
                if (!triple)
                    return ("", -1);
                line++;
            }
            if (c == quote && (!triple || (At(text, i + 1, quote) && At(text, i + 2, quote))))
                return (text[contentStart..i], i + (triple ? 3 : 1));
            i++;
        }
        return ("", -1);
    }
}
