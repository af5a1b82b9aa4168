using System.Globalization;
using System.Text;

namespace CamBuild.Python.Tests.Differential;

/// <summary>
/// Seeded generator of PEP 440 versions and specifiers, PEP 508 requirements and markers, and wheel file names:
/// mostly well-formed inputs in every spelling the PEPs allow, plus mutations that break them.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    private static readonly string[] PreSpellings = ["a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "A", "RC"];
    private static readonly string[] PostSpellings = ["post", "rev", "r", "POST"];
    private static readonly string[] Separators = ["", ".", "-", "_"];
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "~=", "==="];
    private static readonly string[] MarkerVariables =
    [
        "python_version", "python_full_version", "os_name", "sys_platform", "platform_release", "platform_system",
        "platform_version", "platform_machine", "platform_python_implementation", "implementation_name",
        "implementation_version", "extra", "os.name", "sys.platform", "platform.machine", "platform.version",
        "platform.python_implementation", "python_implementation",
    ];

    private static readonly string[] MarkerValues =
    [
        "3.11", "3.8", "3.11.2", "3.12", "3", "3.11.*", "3.10", "2.7", "posix", "nt", "linux", "win32", "Linux",
        "Windows", "x86_64", "aarch64", "CPython", "cpython", "6.1.0", "01.0", "1.0", "#1 SMP", "socks", "Foo_Bar",
        "foo-bar", "arm", "3.11.2rc1", "", "POSIX",
    ];

    private readonly Random _random = new(seed);

    public string Number()
    {
        return _random.Next(40) switch
        {
            0 => "99999999999999999999" + _random.Next(10).ToString(CultureInfo.InvariantCulture), // beyond 2^63-1
            1 => "0" + _random.Next(10).ToString(CultureInfo.InvariantCulture), // zero padded
            2 => "9223372036854775808",
            _ => _random.Next(_random.Next(3) == 0 ? 100 : 4).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A valid version in a random (possibly non-normalised) spelling.</summary>
    public string ValidVersion()
    {
        var builder = new StringBuilder();
        if (_random.Next(30) == 0)
        {
            builder.Append(_random.Next(2) == 0 ? 'v' : 'V');
        }

        if (_random.Next(15) == 0)
        {
            builder.Append(Number()).Append('!');
        }

        var segments = 1 + _random.Next(4);
        builder.AppendJoin('.', Enumerable.Range(0, segments).Select(_ => Number()));
        if (_random.Next(4) == 0)
        {
            builder.Append(Pick(Separators)).Append(Pick(PreSpellings));
            if (_random.Next(5) != 0)
            {
                builder.Append(Pick(Separators)).Append(Number());
            }
        }

        if (_random.Next(5) == 0)
        {
            if (_random.Next(4) == 0)
            {
                builder.Append('-').Append(Number());
            }
            else
            {
                builder.Append(Pick(Separators)).Append(Pick(PostSpellings));
                if (_random.Next(4) != 0)
                {
                    builder.Append(Pick(Separators)).Append(Number());
                }
            }
        }

        if (_random.Next(6) == 0)
        {
            builder.Append(Pick(Separators)).Append(_random.Next(8) == 0 ? "DEV" : "dev");
            if (_random.Next(4) != 0)
            {
                builder.Append(Pick(Separators)).Append(Number());
            }
        }

        if (_random.Next(8) == 0)
        {
            builder.Append('+').Append(LocalSegment());
            for (var i = _random.Next(3); i > 0; i--)
            {
                builder.Append(Pick([".", "-", "_"])).Append(LocalSegment());
            }
        }

        var text = builder.ToString();
        return _random.Next(40) == 0 ? Pick([" ", "\t", "\n", " \n"]) + text + Pick(["", " ", "\n", "\t "]) : text;
    }

    public string Version() => _random.Next(7) == 0 ? Mutate(ValidVersion()) : ValidVersion();

    /// <summary>A version without local label (what ordered operators accept).</summary>
    public string PublicVersion()
    {
        var text = ValidVersion().Trim();
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? text : text[..plus];
    }

    public string Clause()
    {
        var op = Pick(Operators);
        var version = op is "==" or "!=" || _random.Next(12) == 0 ? ValidVersion().Trim() : PublicVersion();
        if (op is "==" or "!=" && _random.Next(4) == 0 || _random.Next(30) == 0)
        {
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            version = (plus < 0 ? version : version[..plus]) + ".*";
        }

        if (op == "===" && _random.Next(5) == 0)
        {
            version = Pick(["foobar", "1.0-custom", "2013b", "1.0", "01.0", "1.0.0"]);
        }

        var space = _random.Next(4) == 0 ? Pick([" ", "  ", "\t"]) : string.Empty;
        return op + space + version;
    }

    public string Specifier()
    {
        var clauses = Enumerable.Range(0, 1 + _random.Next(_random.Next(3) == 0 ? 3 : 1)).Select(_ => Clause()).ToList();
        var text = string.Join(Pick([",", ", ", " ,", ","]), clauses);
        return _random.Next(12) switch
        {
            0 => text + ",",
            1 => Mutate(text),
            2 => "," + text,
            _ => text,
        };
    }

    public string Marker()
    {
        var text = MarkerExpression(2);
        return _random.Next(15) == 0 ? Mutate(text) : text;
    }

    public string Requirement()
    {
        var builder = new StringBuilder();
        if (_random.Next(4) == 0)
        {
            builder.Append(Pick(["", " ", "\t"]));
        }

        builder.Append(Name());
        if (_random.Next(4) == 0)
        {
            builder.Append(Pick(["", " "])).Append('[')
                .AppendJoin(Pick([",", ", "]), Enumerable.Range(0, _random.Next(3)).Select(_ => Name()))
                .Append(']');
        }

        if (_random.Next(3) != 0)
        {
            var specifier = Specifier();
            builder.Append(Pick(["", " "])).Append(_random.Next(6) == 0 ? $"({specifier})" : specifier);
        }

        if (_random.Next(3) == 0)
        {
            builder.Append(Pick([";", " ;", " ; ", "; "])).Append(MarkerExpression(1));
        }

        var text = builder.ToString();
        return _random.Next(10) switch
        {
            0 => text + Pick(["\n", "\r\n", " ", "\t", " \n"]),
            1 => Mutate(text),
            _ => text,
        };
    }

    public string WheelName()
    {
        var name = Name().Replace('-', '_').Replace('.', _random.Next(2) == 0 ? '_' : '.');
        var version = PublicVersion().Replace('-', '_');
        var build = _random.Next(6) == 0 ? "-" + _random.Next(20).ToString(CultureInfo.InvariantCulture) + Pick(["", "a", "_x"]) : string.Empty;
        var python = string.Join('.', Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => Pick(["py3", "py2", "cp311", "cp38", "py311", "pp39", "PY3"])));
        var abi = string.Join('.', Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => Pick(["none", "abi3", "cp311", "cp37m"])));
        var platform = string.Join('.', Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => Pick(
            ["any", "manylinux_2_17_x86_64", "manylinux2014_aarch64", "linux_x86_64", "macosx_11_0_arm64", "win_amd64"])));
        var text = $"{name}-{version}{build}-{python}-{abi}-{platform}.whl";
        return _random.Next(6) switch
        {
            0 => Mutate(text),
            1 => text.Replace("-none-", Pick(["-none.-", "-.none-", "- none-", "-none -"]), StringComparison.Ordinal),
            _ => text,
        };
    }

    public int Next(int bound) => _random.Next(bound);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string MarkerExpression(int depth)
    {
        if (depth > 0 && _random.Next(3) == 0)
        {
            var inner = $"{MarkerExpression(depth - 1)} {Pick(["and", "or"])} {MarkerExpression(depth - 1)}";
            return _random.Next(2) == 0 ? $"({inner})" : inner;
        }

        var variable = Pick(MarkerVariables);
        var value = variable == "extra" ? Pick(["socks", "Foo_Bar", "foo-bar", "test", ""]) : Pick(MarkerValues);
        var op = _random.Next(8) switch
        {
            0 => "in",
            1 => "not in",
            _ => Pick(Operators),
        };
        var quote = _random.Next(2) == 0 ? "\"" : "'";
        var space = Pick(["", " ", "  "]);
        var literal = quote + value + quote;
        var spaceAround = op is "in" or "not in" ? " " : space;
        return _random.Next(6) == 0
            ? $"{literal}{spaceAround}{op}{spaceAround}{variable}"
            : $"{variable}{spaceAround}{op}{spaceAround}{literal}";
    }

    private string Name()
    {
        var letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var builder = new StringBuilder();
        var parts = 1 + _random.Next(3);
        for (var i = 0; i < parts; i++)
        {
            if (i > 0)
            {
                builder.Append(Pick(["-", "_", ".", "--", "_."]));
            }

            for (var n = 1 + _random.Next(6); n > 0; n--)
            {
                builder.Append(letters[_random.Next(letters.Length)]);
            }
        }

        return builder.ToString();
    }

    private string LocalSegment() =>
        _random.Next(2) == 0 ? Number() : Pick(["ubuntu", "deb12u1", "abc", "Local", "x1", "cpu"]);

    private string Mutate(string text)
    {
        var position = _random.Next(text.Length + 1);
        return _random.Next(6) switch
        {
            0 => text.Insert(position, Pick(["..", "!", "+", "-", "*", "@", "#", "(", ")", " ", ",", ";", "\n", "'"])),
            1 when text.Length > 0 => text.Remove(Math.Min(position, text.Length - 1), 1),
            2 => text.Insert(position, Pick(["a", "post", "dev", "rc", "0", "x", "."])),
            3 => text + Pick([".", "+", "-", "!", ".*", "*"]),
            4 => Pick(["", "-", "_", "+", "."]) + text,
            _ => text.Insert(position, Pick(["\t", "  ", "[", "]", "=", "<", ">"])),
        };
    }
}
