using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>
/// Checks request parameters against a method's schema the way PVE::JSONSchema does: unknown parameters
/// (additionalProperties 0), missing required ones, types, ranges, lengths, enums, patterns, named formats and
/// property strings. Returns Proxmox's error texts per parameter.
/// </summary>
public static partial class ParameterValidator
{
    public static Dictionary<string, string> Validate(JsonElement method, IReadOnlyDictionary<string, string> parameters)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var schema = method.GetProperty("parameters");
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = !schema.TryGetProperty("additionalProperties", out var a) || a.ValueKind != JsonValueKind.Number || a.GetInt32() != 0;
        foreach (var (name, value) in parameters)
        {
            if (Lookup(properties, name) is not { } definition)
            {
                if (!additional) errors[name] = "property is not defined in schema and the schema does not allow additional properties";
                continue;
            }
            if (CheckValue(definition, value) is { } problem) errors[name] = problem;
            else if (definition.TryGetProperty("requires", out var requires) && !parameters.ContainsKey(requires.GetString()!))
                errors[requires.GetString()!] = $"parameter '{requires.GetString()}' is required by '{name}'";
        }
        if (properties.ValueKind == JsonValueKind.Object)
            foreach (var property in properties.EnumerateObject())
                if (!IsOptional(property.Value) && !property.Name.Contains('[', StringComparison.Ordinal) && !parameters.ContainsKey(property.Name))
                    errors[property.Name] = "property is missing and it is not optional";
        return errors;
    }

    private static JsonElement? Lookup(JsonElement properties, string name)
    {
        if (properties.ValueKind != JsonValueKind.Object) return null;
        if (properties.TryGetProperty(name, out var direct)) return direct;
        var indexed = IndexedName().Match(name);
        return indexed.Success && properties.TryGetProperty(indexed.Groups[1].Value + "[n]", out var array) ? array : null;
    }

    private static bool IsOptional(JsonElement definition) =>
        definition.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.Number && o.GetInt32() == 1;

    public static string? CheckValue(JsonElement definition, string value)
    {
        var type = definition.TryGetProperty("type", out var t) ? t.GetString() : "string";
        switch (type)
        {
            case "boolean":
                if (!BooleanPattern().IsMatch(value)) return $"type check ('boolean') failed - got '{value}'";
                return null;
            case "integer":
                if (!IntegerPattern().IsMatch(value)) return $"type check ('integer') failed - got '{value}'";
                return Range(definition, double.Parse(value, CultureInfo.InvariantCulture), value);
            case "number":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return $"type check ('number') failed - got '{value}'";
                return Range(definition, number, value);
        }
        if (definition.TryGetProperty("maxLength", out var max) && value.Length > max.GetInt32())
            return $"value may only be {max.GetInt32()} characters long";
        if (definition.TryGetProperty("minLength", out var min) && value.Length < min.GetInt32())
            return $"value must be at least {min.GetInt32()} characters long";
        if (definition.TryGetProperty("enum", out var values))
        {
            var list = values.EnumerateArray().Select(v => v.GetString()!).ToList();
            if (!list.Contains(value)) return $"value '{value}' does not have a value in the enumeration '{string.Join(", ", list)}'";
        }
        if (definition.TryGetProperty("pattern", out var pattern) && !PerlPattern(pattern.GetString()!).IsMatch(value))
            return $"value does not match the regex pattern";
        if (definition.TryGetProperty("format", out var format))
        {
            if (format.ValueKind == JsonValueKind.Object) return PropertyString.Check(format, value);
            if (!NamedFormats.IsValid(format.GetString()!, value)) return $"value does not match format '{format.GetString()}'";
        }
        return null;
    }

    private static string? Range(JsonElement definition, double value, string text)
    {
        if (definition.TryGetProperty("minimum", out var min) && value < min.GetDouble()) return $"value must have a minimum value of {min.GetRawText()}";
        if (definition.TryGetProperty("maximum", out var max) && value > max.GetDouble()) return $"value must have a maximum value of {max.GetRawText()}";
        return null;
    }

    /// <summary>Perl's <c>(?^:…)</c> groups become .NET <c>(?:…)</c>; the whole value must match.</summary>
    public static Regex PerlPattern(string pattern) =>
        new("^(?:" + pattern.Replace("(?^:", "(?:", StringComparison.Ordinal) + ")$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^([a-z]+)(\d+)$")]
    private static partial Regex IndexedName();

    [GeneratedRegex("^(1|0|on|off|yes|no|true|false)$", RegexOptions.IgnoreCase)]
    private static partial Regex BooleanPattern();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerPattern();
}
