namespace CamBuild.CI;

/// <summary>A section of a Groovy DSL file: <c>name(args) { children }</c> or a one-line statement <c>name ...</c>.</summary>
internal sealed record GroovySection(string Name, int Line, bool IsBlock, bool HasArguments, IReadOnlyList<GroovySection> Children, string FirstArgument);

/// <summary>
/// Reads the block structure of a Groovy DSL file (comments, strings, braces, parentheses, lines);
/// enough to check the shape of a declarative pipeline, not a Groovy parser.
/// </summary>
internal sealed class GroovyBlockParser
{
    private readonly List<(string Kind, string Text, int Line)> tokens;
    private readonly List<string> problems;
    private int position;

    private GroovyBlockParser(List<(string, string, int)> tokens, List<string> problems)
    {
        this.tokens = tokens;
        this.problems = problems;
    }

    public static IReadOnlyList<GroovySection> Parse(string text, List<string> problems)
    {
        var parser = new GroovyBlockParser(GroovyTokenizer.Tokenize(text, problems), problems);
        var sections = parser.Body(topLevel: true);
        return sections;
    }

    private List<GroovySection> Body(bool topLevel)
    {
        var sections = new List<GroovySection>();
        while (position < tokens.Count)
        {
            var (kind, text, line) = tokens[position];
            if (kind is "newline" || text == ";")
            {
                position++;
            }
            else if (text == "}")
            {
                if (topLevel)
                    problems.Add($"line {line}: '}}' without a matching '{{'.");
                position++;
                if (!topLevel)
                    return sections;
            }
            else if (kind == "word")
            {
                sections.Add(Section(text, line));
            }
            else
            {
                SkipStatement();
            }
        }
        if (!topLevel)
            problems.Add($"line {tokens[^1].Line}: a block is not closed; a '}}' is missing.");
        return sections;
    }

    private GroovySection Section(string name, int line)
    {
        position++;
        var hasArguments = false;
        var firstArgument = "";
        if (Peek("("))
        {
            hasArguments = true;
            var start = position + 1;
            SkipBalanced("(", ")");
            if (start < tokens.Count && tokens[start].Kind is "string" or "word")
                firstArgument = tokens[start].Text;
        }
        if (Peek("{"))
        {
            position++;
            return new GroovySection(name, line, true, hasArguments, Body(topLevel: false), firstArgument);
        }
        if (!hasArguments && position < tokens.Count && tokens[position].Kind is "word" or "string")
            firstArgument = tokens[position].Text;
        SkipStatement();
        return new GroovySection(name, line, false, hasArguments, [], firstArgument);
    }

    private bool Peek(string text) => position < tokens.Count && tokens[position].Text == text && tokens[position].Kind == "symbol";

    // Skips to the end of the line, stepping over bracketed groups that span lines; stops before a closing '}'.
    private void SkipStatement()
    {
        while (position < tokens.Count && tokens[position].Kind != "newline")
        {
            var text = tokens[position].Text;
            if (tokens[position].Kind == "symbol" && text == "}")
                return;
            if (tokens[position].Kind == "symbol" && text is "(" or "[" or "{")
                SkipBalanced(text, text switch { "(" => ")", "[" => "]", _ => "}" });
            else
                position++;
        }
    }

    private void SkipBalanced(string open, string close)
    {
        var startLine = tokens[position].Line;
        var depth = 0;
        while (position < tokens.Count)
        {
            var (kind, text, _) = tokens[position++];
            if (kind != "symbol")
                continue;
            if (text == open)
                depth++;
            else if (text == close && --depth == 0)
                return;
        }
        problems.Add($"line {startLine}: '{open}' is never closed with '{close}'.");
    }
}
