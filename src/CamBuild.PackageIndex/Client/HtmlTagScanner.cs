using System.Net;

namespace CamBuild.PackageIndex.Client;

/// <summary>One start tag with lower-cased attribute names and entity-decoded values; <see cref="Text"/> is the text up to its end tag (anchors only).</summary>
internal sealed record HtmlTag(string Name, IReadOnlyDictionary<string, string> Attributes, string Text);

/// <summary>
/// A small HTML tokenizer for simple-index pages: finds start tags, tolerates any attribute order and
/// double, single or no quotes, skips comments, and decodes character references.
/// </summary>
internal static class HtmlTagScanner
{
    public static IEnumerable<HtmlTag> StartTags(string html, params string[] names)
    {
        var position = 0;
        while (position < html.Length)
        {
            var lt = html.IndexOf('<', position);
            if (lt < 0 || lt + 1 >= html.Length)
                yield break;
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                position = close < 0 ? html.Length : close + 3;
                continue;
            }
            var nameEnd = lt + 1;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
                nameEnd++;
            var name = html[(lt + 1)..nameEnd].ToLowerInvariant();
            var (attributes, tagEnd) = ReadAttributes(html, nameEnd);
            position = tagEnd;
            if (name.Length == 0 || !names.Contains(name))
                continue;
            var text = "";
            if (name == "a")
            {
                // An unclosed anchor ends where the next one starts, so that one missing </a> loses no file.
                // (Searching for </a only up to the next anchor keeps a page of unclosed anchors linear.)
                var nextAnchor = NextAnchorStart(html, position);
                var endTag = html.IndexOf("</a", position, nextAnchor - position, StringComparison.OrdinalIgnoreCase);
                var textEnd = endTag < 0 ? nextAnchor : endTag;
                text = WebUtility.HtmlDecode(StripTags(html[position..textEnd])).Trim();
                position = textEnd;
            }
            yield return new HtmlTag(name, attributes, text);
        }
    }

    private static int NextAnchorStart(string html, int from)
    {
        for (var i = html.IndexOf("<a", from, StringComparison.OrdinalIgnoreCase); i >= 0; i = html.IndexOf("<a", i + 2, StringComparison.OrdinalIgnoreCase))
        {
            if (i + 2 < html.Length && (char.IsWhiteSpace(html[i + 2]) || html[i + 2] == '>'))
                return i;
        }
        return html.Length;
    }

    private static (Dictionary<string, string> Attributes, int End) ReadAttributes(string html, int i)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (i < html.Length)
        {
            while (i < html.Length && (char.IsWhiteSpace(html[i]) || html[i] == '/'))
                i++;
            if (i >= html.Length || html[i] == '>')
                return (attributes, Math.Min(i + 1, html.Length));
            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
                i++;
            var name = html[nameStart..i].ToLowerInvariant();
            while (i < html.Length && char.IsWhiteSpace(html[i]))
                i++;
            var value = "";
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                    i++;
                (value, i) = ReadValue(html, i);
            }
            if (name.Length > 0)
                attributes.TryAdd(name, WebUtility.HtmlDecode(value));
        }
        return (attributes, html.Length);
    }

    private static (string Value, int Next) ReadValue(string html, int i)
    {
        if (i < html.Length && html[i] is '"' or '\'')
        {
            var quote = html[i];
            var close = html.IndexOf(quote, i + 1);
            return close < 0 ? (html[(i + 1)..], html.Length) : (html[(i + 1)..close], close + 1);
        }
        var start = i;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
            i++;
        return (html[start..i], i);
    }

    private static string StripTags(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<')
                inTag = true;
            else if (c == '>')
                inTag = false;
            else if (!inTag)
                result.Append(c);
        }
        return result.ToString();
    }
}
