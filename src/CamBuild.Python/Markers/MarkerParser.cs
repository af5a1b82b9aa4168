namespace CamBuild.Python.Markers;

/// <summary>Recursive-descent parser for PEP 508 markers: comparisons joined by and/or with parentheses.</summary>
internal static class MarkerParser
{
    private static readonly string[] Operators = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];

    public static MarkerExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        var position = 0;
        var expression = ParseOr(text, tokens, ref position);
        if (position != tokens.Count)
        {
            throw Error(text, $"unexpected '{tokens[position].Text}'");
        }

        return expression;
    }

    private static MarkerExpression ParseOr(string text, List<Token> tokens, ref int position)
    {
        var terms = new List<MarkerExpression> { ParseAnd(text, tokens, ref position) };
        while (position < tokens.Count && tokens[position] is { Kind: TokenKind.Word, Text: "or" })
        {
            position++;
            terms.Add(ParseAnd(text, tokens, ref position));
        }

        return terms.Count == 1 ? terms[0] : new MarkerOr(terms);
    }

    private static MarkerExpression ParseAnd(string text, List<Token> tokens, ref int position)
    {
        var terms = new List<MarkerExpression> { ParseAtom(text, tokens, ref position) };
        while (position < tokens.Count && tokens[position] is { Kind: TokenKind.Word, Text: "and" })
        {
            position++;
            terms.Add(ParseAtom(text, tokens, ref position));
        }

        return terms.Count == 1 ? terms[0] : new MarkerAnd(terms);
    }

    private static MarkerExpression ParseAtom(string text, List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw Error(text, "it ends where a comparison was expected");
        }

        if (tokens[position].Kind == TokenKind.Open)
        {
            position++;
            var inner = ParseOr(text, tokens, ref position);
            if (position >= tokens.Count || tokens[position].Kind != TokenKind.Close)
            {
                throw Error(text, "a '(' is not closed");
            }

            position++;
            return inner;
        }

        var left = ParseOperand(text, tokens, ref position);
        var op = ParseOperator(text, tokens, ref position);
        var right = ParseOperand(text, tokens, ref position);
        if (left.IsVariable == right.IsVariable)
        {
            throw Error(text, $"'{left} {op} {right}' must compare one variable with one quoted string");
        }

        return new MarkerComparison(left, op, right);
    }

    private static MarkerOperand ParseOperand(string text, List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw Error(text, "it ends where a variable or quoted string was expected");
        }

        var token = tokens[position++];
        return token.Kind switch
        {
            TokenKind.String => new MarkerOperand(token.Text, IsVariable: false),
            TokenKind.Word when token.Text == "extra" || MarkerEnvironment.VariableNames.Contains(token.Text) =>
                new MarkerOperand(token.Text, IsVariable: true),
            TokenKind.Word when LegacyVariable(token.Text) is { } modern => new MarkerOperand(modern, IsVariable: true),
            TokenKind.Word => throw Error(
                text, $"'{token.Text}' is not a PEP 508 marker variable (use one of {string.Join(", ", MarkerEnvironment.VariableNames)}, extra)"),
            _ => throw Error(text, $"unexpected '{token.Text}' where a variable or quoted string was expected"),
        };
    }

    private static string ParseOperator(string text, List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw Error(text, "it ends where an operator was expected");
        }

        var token = tokens[position++];
        if (token.Kind == TokenKind.Operator)
        {
            return token.Text;
        }

        if (token is { Kind: TokenKind.Word, Text: "in" })
        {
            return "in";
        }

        if (token is { Kind: TokenKind.Word, Text: "not" } && position < tokens.Count && tokens[position] is { Kind: TokenKind.Word, Text: "in" })
        {
            position++;
            return "not in";
        }

        throw Error(text, $"'{token.Text}' is not a marker operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)");
    }

    /// <summary>
    /// The PEP 345 spellings (<c>os.name</c>, <c>sys.platform</c>, <c>platform.version</c>, <c>platform.machine</c>,
    /// <c>platform.python_implementation</c>, <c>python_implementation</c>) that every <c>packaging</c> release still
    /// accepts, mapped to their PEP 508 names; null for anything else.
    /// </summary>
    internal static string? LegacyVariable(string name) => name switch
    {
        "os.name" => "os_name",
        "sys.platform" => "sys_platform",
        "platform.version" => "platform_version",
        "platform.machine" => "platform_machine",
        "platform.python_implementation" or "python_implementation" => "platform_python_implementation",
        _ => null,
    };

    // PEP 508: wsp = ' ' | '\t'. A line break or other white space is not part of the grammar (the reference
    // implementation's tokenizer rejects it too), so "os_name == 'nt'\n" is an error, not silently trimmed.
    private static bool IsMarkerWhiteSpace(char c) => c is ' ' or '\t';

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsMarkerWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString()));
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw Error(text, $"the string starting at column {i + 1} is not closed");
                }

                var literal = text[(i + 1)..end];
                if (literal.IndexOfAny(['\n', '\r']) is var lineBreak and >= 0)
                {
                    // PEP 508 python_str_c holds no line break (packaging reads the literal with ast.literal_eval, which refuses it).
                    throw Error(text, $"the string starting at column {i + 1} contains a line break at column {i + 2 + lineBreak}");
                }

                tokens.Add(new Token(TokenKind.String, literal));
                i = end + 1;
            }
            else if (Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0) is { } op)
            {
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else
            {
                throw Error(text, $"unexpected character {Describe(c)} at column {i + 1}");
            }
        }

        return tokens;
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? $"U+{(int)c:X4} (only spaces and tabs may separate marker tokens)"
        : $"'{c}'";

    private static PythonPackagingException Error(string text, string reason) =>
        new($"Invalid environment marker '{text}': {reason}.");

    private enum TokenKind
    {
        Word,
        String,
        Operator,
        Open,
        Close,
    }

    private sealed record Token(TokenKind Kind, string Text);
}
