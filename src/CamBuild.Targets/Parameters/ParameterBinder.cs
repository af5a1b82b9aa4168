using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace CamBuild.Targets.Parameters;

internal sealed record BoundValue(object? Value, string Source);

/// <summary>
/// Resolves parameter values in NUKE's order: command line, then environment variable (exact name, UPPER_SNAKE, or a
/// letters-only match with an optional CAMBUILD_/NUKE_ prefix), then profile files (later first), then
/// <c>.nuke/parameters.json</c>. Unknown options and unknown keys in parameter files are usage errors.
/// A secret parameter can also be read from a file: <c>--&lt;name&gt;-file PATH</c> right after the command line value,
/// <c>&lt;NAME&gt;_FILE</c> right after the environment variable (see <see cref="SecretFile"/>).
/// </summary>
internal static class ParameterBinder
{
    public static IReadOnlyDictionary<string, BoundValue> Bind(
        IReadOnlyList<ParameterInfo> parameters,
        ParsedArguments args,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<ParameterFile> files)
    {
        var byKey = parameters.ToDictionary(p => ParsedArguments.Key(p.Name), StringComparer.Ordinal);
        var fileKeys = parameters.Where(p => p.IsSecret).Select(p => ParsedArguments.Key(FileName(p))).ToHashSet(StringComparer.Ordinal);
        foreach (var key in args.OptionKeys.Where(k => !byKey.ContainsKey(k) && !fileKeys.Contains(k) && !BuiltInOptions.IsBuiltIn(k)))
            throw new BuildUsageException($"Unknown parameter '--{args[key].Typed}'.{Suggest(key, byKey.Values)} Run with --help to list parameters.");
        foreach (var file in files)
            foreach (var name in file.Values.Keys.Where(k => !byKey.ContainsKey(ParsedArguments.Key(k))))
                throw new BuildUsageException($"{file.Path}: unknown parameter '{name}'.{Suggest(ParsedArguments.Key(name), byKey.Values)} Remove it or correct its name.");

        // Each variable's normalised name once, not once per parameter.
        var variables = environment.Where(kv => kv.Value.Length > 0).Select(kv => new Variable(kv.Key, kv.Value, Stripped(kv.Key))).ToList();
        var result = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var bound = p.IsSecret
                ? FromArgs(p, args) ?? FromSecretFile(p, FromArgs(FileParameter(p), args))
                  ?? FromEnvironment(p, variables) ?? FromSecretFile(p, FromEnvironment(FileParameter(p), variables))
                  ?? FromFiles(p, files)
                : FromArgs(p, args) ?? FromEnvironment(p, variables) ?? FromFiles(p, files);
            if (bound is not null) result[p.Name] = bound;
        }

        return result;
    }

    /// <summary>The companion parameter naming a secret's file: <c>IndexPassword</c> -> <c>IndexPasswordFile</c>.</summary>
    public static string FileName(ParameterInfo secret) => secret.Name + "File";

    private static ParameterInfo FileParameter(ParameterInfo secret) =>
        new(FileName(secret), $"File holding {secret.Name}", typeof(string), false, null, null);

    private static BoundValue? FromSecretFile(ParameterInfo secret, BoundValue? path)
    {
        if (path?.Value is not string file) return null;
        var option = path.Source == "command line" ? $"--{ParameterInfo.ToKebab(FileName(secret))}" : path.Source;
        return new(SecretFile.Read(file, option), $"file {file}");
    }

    private static BoundValue? FromArgs(ParameterInfo p, ParsedArguments args) =>
        args.Get(p.Name) is { } option ? new(Convert(p, option.Values, "command line"), "command line") : null;

    private sealed record Variable(string Name, string Value, string Key);

    private static BoundValue? FromEnvironment(ParameterInfo p, IReadOnlyList<Variable> environment)
    {
        var key = ParsedArguments.Key(p.Name);
        var matches = environment
            // An empty variable counts as unset: CI systems pass unset secrets and inputs as empty strings.
            .Where(v => v.Name == p.Name || v.Key == key)
            .OrderBy(v => v.Name == p.Name ? 0 : 1)
            .ToList();
        if (matches.Count == 0) return null;
        if (matches[0].Name != p.Name && matches.Select(m => m.Value).Distinct().Count() > 1)
            throw new BuildUsageException($"Parameter '{p.Name}' matches several environment variables with different values: {string.Join(", ", matches.Select(m => m.Name))}. Unset all but one.");
        var source = $"environment variable {matches[0].Name}";
        return new(Convert(p, [matches[0].Value], source), source);
    }

    private static string Stripped(string name)
    {
        var k = ParsedArguments.Key(name);
        foreach (var prefix in new[] { "CAMBUILD", "NUKE" })
            if (k.StartsWith(prefix, StringComparison.Ordinal) && name.Contains('_', StringComparison.Ordinal)) return k[prefix.Length..];
        return k;
    }

    private static BoundValue? FromFiles(ParameterInfo p, IReadOnlyList<ParameterFile> files)
    {
        foreach (var file in files.Reverse())
        {
            var entry = file.Values.FirstOrDefault(kv => ParsedArguments.Key(kv.Key) == ParsedArguments.Key(p.Name));
            if (entry.Key is null) continue;
            var values = entry.Value.ValueKind == JsonValueKind.Array
                ? entry.Value.EnumerateArray().Select(Text).ToList()
                : [Text(entry.Value)];
            return new(Convert(p, values, file.Path), file.Path);
        }

        return null;

        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    public static object? Convert(ParameterInfo p, IReadOnlyList<string> values, string source)
    {
        var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        try
        {
            if (type == typeof(bool) && values.Count == 0) return true;
            if (type.IsArray)
                return ToArray(type.GetElementType()!, values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList());
            if (values.Count != 1)
                throw new FormatException(values.Count == 0 ? "a value is required" : "only one value is allowed");
            return One(type, values[0]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            var shown = p.IsSecret ? "the secret value" : $"'{string.Join(" ", values)}'";
            var why = p.IsSecret ? "" : $" ({e.Message})";
            var allowed = p.AllowedValues.Count > 0 ? $" Allowed values: {string.Join(", ", p.AllowedValues)}." : "";
            throw new BuildUsageException($"Parameter --{p.Kebab} from {source}: {shown} is not a valid {type.Name}{why}.{allowed}");
        }
    }

    private static Array ToArray(Type element, List<string> values)
    {
        var array = Array.CreateInstance(element, values.Count);
        for (var i = 0; i < values.Count; i++) array.SetValue(One(element, values[i]), i);
        return array;
    }

    private static object One(Type type, string value)
    {
        if (type == typeof(string)) return value;
        if (type.IsEnum)
            return Enum.TryParse(type, value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!)
                ? parsed! : throw new FormatException("not one of the allowed values");
        if (type == typeof(bool))
            return value.ToUpperInvariant() switch
            {
                "TRUE" or "YES" or "1" or "ON" => true,
                "FALSE" or "NO" or "0" or "OFF" => false,
                _ => throw new FormatException("expected true or false"),
            };
        var converter = TypeDescriptor.GetConverter(type);
        return converter.ConvertFromString(null, CultureInfo.InvariantCulture, value) ?? throw new FormatException("no value");
    }

    private static string Suggest(string key, IEnumerable<ParameterInfo> parameters)
    {
        var best = parameters
            .Select(p => (p, d: Distance(key, ParsedArguments.Key(p.Name))))
            .Where(x => x.d <= 3).OrderBy(x => x.d).Select(x => x.p).FirstOrDefault();
        return best is null ? "" : $" Did you mean '--{best.Kebab}'?";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
