using System.Globalization;
using System.Text;

namespace CamBuild.Python.Locks;

/// <summary>
/// A small TOML 1.0 reader, enough for lock files: tables, arrays of tables, dotted keys, basic and literal strings,
/// integers, floats, booleans, arrays and inline tables; dates are kept as strings. Multi-line strings are refused.
/// Tables are <see cref="Dictionary{TKey,TValue}"/> of string to object; arrays are <see cref="List{T}"/> of object.
/// </summary>
public sealed class TomlReader
{
    private readonly string _text;
    private readonly string _fileName;
    private int _position;

    private TomlReader(string text, string fileName)
    {
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _fileName = fileName;
    }

    public static Dictionary<string, object> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TomlReader(text, fileName).ParseDocument();
    }

    private Dictionary<string, object> ParseDocument()
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var current = root;
        while (true)
        {
            SkipBlank(newlines: true);
            if (_position >= _text.Length)
            {
                return root;
            }

            if (Peek() == '[')
            {
                var isArray = _position + 1 < _text.Length && _text[_position + 1] == '[';
                _position += isArray ? 2 : 1;
                var path = ParseKey();
                Expect(']');
                if (isArray)
                {
                    Expect(']');
                }

                current = isArray ? AppendArrayTable(root, path) : OpenTable(root, path);
            }
            else
            {
                var path = ParseKey();
                Expect('=');
                var value = ParseValue();
                Assign(current, path, value);
            }

            EndOfLine();
        }
    }

    private Dictionary<string, object> OpenTable(Dictionary<string, object> root, List<string> path)
    {
        var table = root;
        foreach (var key in path)
        {
            table = Descend(table, key);
        }

        return table;
    }

    private Dictionary<string, object> AppendArrayTable(Dictionary<string, object> root, List<string> path)
    {
        var parent = OpenTable(root, path[..^1]);
        if (!parent.TryGetValue(path[^1], out var existing))
        {
            existing = parent[path[^1]] = new List<object>();
        }

        if (existing is not List<object> list)
        {
            throw Error($"'{string.Join('.', path)}' is already a value, not an array of tables");
        }

        var table = new Dictionary<string, object>(StringComparer.Ordinal);
        list.Add(table);
        return table;
    }

    private Dictionary<string, object> Descend(Dictionary<string, object> table, string key)
    {
        if (!table.TryGetValue(key, out var next))
        {
            var created = new Dictionary<string, object>(StringComparer.Ordinal);
            table[key] = created;
            return created;
        }

        return next switch
        {
            Dictionary<string, object> existing => existing,
            List<object> { Count: > 0 } list when list[^1] is Dictionary<string, object> last => last,
            _ => throw Error($"'{key}' is a value, not a table"),
        };
    }

    private void Assign(Dictionary<string, object> table, List<string> path, object value)
    {
        foreach (var key in path[..^1])
        {
            table = Descend(table, key);
        }

        if (!table.TryAdd(path[^1], value))
        {
            throw Error($"key '{string.Join('.', path)}' is defined twice");
        }
    }

    private List<string> ParseKey()
    {
        var parts = new List<string>();
        while (true)
        {
            SkipBlank(newlines: false);
            var c = Peek();
            if (c is '"' or '\'')
            {
                parts.Add(ParseString());
            }
            else
            {
                var start = _position;
                while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '-' or '_'))
                {
                    _position++;
                }

                if (start == _position)
                {
                    throw Error($"expected a key, found '{Describe(c)}'");
                }

                parts.Add(_text[start.._position]);
            }

            SkipBlank(newlines: false);
            if (Peek() != '.')
            {
                return parts;
            }

            _position++;
        }
    }

    private object ParseValue()
    {
        SkipBlank(newlines: false);
        var c = Peek();
        switch (c)
        {
            case '"' or '\'':
                return ParseString();
            case '[':
                return ParseArray();
            case '{':
                return ParseInlineTable();
        }

        var start = _position;
        while (_position < _text.Length && _text[_position] is not (',' or ']' or '}' or '\n' or '#') &&
               !(_text[_position] == ' ' && !LooksLikeDateTimeSpace(start)))
        {
            _position++;
        }

        var token = _text[start.._position].Trim();
        return token switch
        {
            "true" => true,
            "false" => false,
            _ when long.TryParse(token.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => integer,
            _ when double.TryParse(token.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
            _ when token.Length > 0 && char.IsAsciiDigit(token[0]) => token,
            _ => throw Error($"'{token}' is not a TOML value"),
        };
    }

    // "1979-05-27 07:32:00Z": a space between a date and a time is part of the value.
    private bool LooksLikeDateTimeSpace(int start) =>
        _position - start == 10 && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1]);

    private List<object> ParseArray()
    {
        Expect('[');
        var items = new List<object>();
        while (true)
        {
            SkipBlank(newlines: true);
            if (Peek() == ']')
            {
                _position++;
                return items;
            }

            items.Add(ParseValue());
            SkipBlank(newlines: true);
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != ']')
            {
                throw Error($"expected ',' or ']' in an array, found '{Describe(Peek())}'");
            }
        }
    }

    private Dictionary<string, object> ParseInlineTable()
    {
        Expect('{');
        var table = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipBlank(newlines: false);
        if (Peek() == '}')
        {
            _position++;
            return table;
        }

        while (true)
        {
            var path = ParseKey();
            Expect('=');
            Assign(table, path, ParseValue());
            SkipBlank(newlines: false);
            var c = Peek();
            _position++;
            if (c == '}')
            {
                return table;
            }

            if (c != ',')
            {
                throw Error($"expected ',' or '}}' in an inline table, found '{Describe(c)}'");
            }
        }
    }

    private string ParseString()
    {
        var quote = Peek();
        if (string.CompareOrdinal(_text, _position, new string(quote, 3), 0, 3) == 0)
        {
            throw Error("multi-line strings are not supported in lock files");
        }

        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw Error("a string is not closed on its line");
            }

            var c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c != '\\' || quote == '\'')
            {
                builder.Append(c);
                continue;
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'u' or 'U':
                    var length = escape == 'u' ? 4 : 8;
                    builder.Append(char.ConvertFromUtf32(int.Parse(_text.AsSpan(_position, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    _position += length;
                    break;
                default: throw Error($"unknown escape '\\{escape}'");
            }
        }
    }

    private void SkipBlank(bool newlines)
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' || (newlines && c == '\n'))
            {
                _position++;
            }
            else if (c == '#' && newlines)
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void EndOfLine()
    {
        SkipBlank(newlines: false);
        if (Peek() == '#')
        {
            while (_position < _text.Length && _text[_position] != '\n')
            {
                _position++;
            }
        }

        if (_position < _text.Length && _text[_position] != '\n')
        {
            throw Error($"unexpected '{Describe(Peek())}' after a value");
        }
    }

    private void Expect(char c)
    {
        SkipBlank(newlines: false);
        if (Peek() != c)
        {
            throw Error($"expected '{c}', found '{Describe(Peek())}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static string Describe(char c) => c == '\0' ? "end of file" : c == '\n' ? "end of line" : c.ToString();

    private PythonPackagingException Error(string reason)
    {
        var line = 1 + _text.AsSpan(0, Math.Min(_position, _text.Length)).Count('\n');
        return new PythonPackagingException($"{_fileName}:{line}: invalid TOML: {reason}.");
    }
}
