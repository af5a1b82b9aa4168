using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>
/// Validates JSON against the OpenAPI 3.0 schema subset that rest-subset.json uses: $ref, type, nullable, properties,
/// required, additionalProperties, items, enum, oneOf/anyOf/allOf, min/maxLength, pattern, minimum/maximum, min/maxItems.
/// Annotations (format, description, example, ...) are ignored; any other keyword is reported, never silently skipped.
/// </summary>
public sealed class JsonSchemaValidator(JsonElement document)
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "nullable", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "anyOf", "allOf",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems",
    };

    public static readonly IReadOnlySet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "example", "examples", "default", "deprecated", "format", "readOnly", "writeOnly", "externalDocs",
    };

    public List<string> Validate(JsonElement value, JsonElement schema, string at = "$")
    {
        var errors = new List<string>();
        Check(value, schema, at, errors);
        return errors;
    }

    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            schema = Pointer(reference.GetString()!);
        }

        return schema;
    }

    public JsonElement Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"only local $ref are supported: {reference}");
        }

        var node = document;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private void Check(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        schema = Resolve(schema);
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name))
        {
            if (!Supported.Contains(keyword) && !Annotations.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal))
            {
                errors.Add($"{at}: schema keyword '{keyword}' is not supported by the validator");
            }
        }

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{at}: expected {type.GetString()}{(Is(schema, "nullable") ? " or null" : "")}, got {Describe(value)}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {Describe(value)} is not one of [{string.Join(",", allowed.EnumerateArray().Select(a => a.GetRawText()))}]");
        }

        CheckCombinators(value, schema, at, errors);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(value, schema, at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(value, schema, at, errors);
                break;
            case JsonValueKind.String:
                CheckString(value.GetString()!, schema, at, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(value.GetDecimal(), schema, at, errors);
                break;
        }
    }

    private void CheckCombinators(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(value, part, at, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Validate(value, s, at).Count == 0))
        {
            errors.Add($"{at}: {Describe(value)} matches none of anyOf");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(s => Validate(value, s, at).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{at}: {Describe(value)} matches {matches} schemas of oneOf, expected exactly 1");
            }
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{at}: required property '{name}' is missing");
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var member in value.EnumerateObject())
        {
            var path = $"{at}.{member.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var propertySchema))
            {
                Check(member.Value, propertySchema, path, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: additional property is not allowed");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(member.Value, additional, path, errors);
            }
        }
    }

    private void CheckArray(JsonElement value, JsonElement schema, string at, List<string> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{at}: {count} items, at least {min.GetInt32()} required");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{at}: {count} items, at most {max.GetInt32()} allowed");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{at}[{i++}]", errors);
            }
        }
    }

    private static void CheckString(string value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var min) && value.Length < min.GetInt32())
        {
            errors.Add($"{at}: string of length {value.Length} is shorter than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxLength", out var max) && value.Length > max.GetInt32())
        {
            errors.Add($"{at}: string of length {value.Length} is longer than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{at}: '{value}' does not match {pattern.GetString()}");
        }
    }

    private static void CheckNumber(decimal value, JsonElement schema, string at, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDecimal())
        {
            errors.Add($"{at}: {value.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.GetDecimal().ToString(CultureInfo.InvariantCulture)}");
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDecimal())
        {
            errors.Add($"{at}: {value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.GetDecimal().ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        _ => throw new InvalidOperationException($"unknown schema type '{type}'"),
    };

    private static bool Is(JsonElement schema, string flag) => schema.TryGetProperty(flag, out var v) && v.ValueKind == JsonValueKind.True;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"string '{value.GetString()}'",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => value.GetRawText(),
    };
}
