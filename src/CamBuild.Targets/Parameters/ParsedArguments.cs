namespace CamBuild.Targets.Parameters;

/// <summary>One <c>--option values...</c> as typed; the key ignores case, hyphens and underscores.</summary>
internal sealed record OptionValue(string Typed, IReadOnlyList<string> Values);

/// <summary>
/// Command-line tokens split into targets (leading tokens, <c>+</c>-separated allowed) and options, each option taking the
/// following tokens up to the next option. The last occurrence of an option wins.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, OptionValue> _options = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Targets { get; }
    public IReadOnlyList<string> Raw { get; }

    public ParsedArguments(IReadOnlyList<string> args)
    {
        Raw = args;
        var targets = new List<string>();
        var i = 0;
        for (; i < args.Count && !IsOption(args[i]); i++)
            targets.AddRange(args[i].Split('+', StringSplitOptions.RemoveEmptyEntries));

        while (i < args.Count)
        {
            var token = args[i++].TrimStart('-');
            var values = new List<string>();
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) { values.Add(token[(eq + 1)..]); token = token[..eq]; }
            while (i < args.Count && !IsOption(args[i])) values.Add(args[i++]);
            _options[Key(token)] = new OptionValue(token, values);
        }

        if (_options.TryGetValue(Key("target"), out var named))
            targets.AddRange(named.Values.SelectMany(v => v.Split('+', StringSplitOptions.RemoveEmptyEntries)));
        Targets = targets;
    }

    public IEnumerable<string> OptionKeys => _options.Keys;

    public bool Has(string name) => _options.ContainsKey(Key(name));

    public OptionValue? Get(string name) => _options.GetValueOrDefault(Key(name));

    public OptionValue this[string key] => _options[key];

    public static string Key(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    private static bool IsOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]);
}
