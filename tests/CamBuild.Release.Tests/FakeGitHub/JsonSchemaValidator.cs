using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>
/// Validates JSON against the OpenAPI 3.0 schemas of rest-subset.json with JsonSchema.Net. The description's schemas
/// are turned into JSON Schema once (OpenAPI's <c>nullable</c> becomes a "null" type; <c>$ref</c> ignores its siblings,
/// as in OpenAPI 3.0); errors are reported as <c>$.path: keyword: message</c>. A keyword outside
/// <see cref="Supported"/> and <see cref="Annotations"/> would be ignored, so the tests check the description uses none.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly Uri DocumentUri = new("https://cambuild.test/github/rest-subset.json");

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "nullable", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "anyOf", "allOf",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems",
    };

    public static readonly IReadOnlySet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "description", "example", "examples", "default", "deprecated", "format", "readOnly", "writeOnly", "externalDocs",
    };

    private readonly JsonElement _document;
    private readonly BuildOptions _options;
    private readonly ConcurrentDictionary<string, JsonSchema> _built = new(StringComparer.Ordinal);
    private int _nextInline;

    public JsonSchemaValidator(JsonElement document)
    {
        _document = document;
        _options = new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            Dialect = Dialect.Draft202012.With([], refIgnoresSiblingKeywords: true, allowUnknownKeywords: true),
        };
        var schemas = new JsonObject();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
            schemas[schema.Name] = Convert(schema.Value);
        var converted = new JsonObject { ["components"] = new JsonObject { ["schemas"] = schemas } };
        JsonSchema.Build(ToElement(converted), _options, DocumentUri);
    }

    public List<string> Validate(JsonElement value, JsonElement schema, string at = "$")
    {
        var raw = schema.GetRawText();
        var built = _built.GetOrAdd(raw, _ => JsonSchema.Build(ToElement(Convert(schema)), _options,
            new Uri(DocumentUri, $"inline/{Interlocked.Increment(ref _nextInline)}")));
        var results = built.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var errors = new List<string>();
        Collect(results, at, errors);
        return errors;
    }

    /// <summary>Follows local <c>$ref</c>s of the description (parameters, request bodies, responses, schemas).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
            schema = Pointer(reference.GetString()!);
        return schema;
    }

    public JsonElement Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new InvalidOperationException($"only local $ref are supported: {reference}");
        var node = _document;
        foreach (var part in reference[2..].Split('/'))
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return node;
    }

    /// <summary>Failed leaves only: a failed oneOf/anyOf is one error, not one per branch.</summary>
    private static void Collect(EvaluationResults results, string at, List<string> errors)
    {
        if (results.IsValid)
            return;
        if (results.Errors is { } messages)
        {
            foreach (var (keyword, message) in messages)
                errors.Add($"{at}{Path(results.InstanceLocation.ToString())}: {keyword}: {message}");
        }
        foreach (var child in results.Details ?? [])
        {
            var path = child.EvaluationPath.ToString();
            var parent = path[..Math.Max(0, path.LastIndexOf('/'))];
            if (parent.EndsWith("/oneOf", StringComparison.Ordinal) || parent.EndsWith("/anyOf", StringComparison.Ordinal))
                continue;
            Collect(child, at, errors);
        }
    }

    /// <summary>JSON Pointer <c>/errors/0/code</c> as <c>.errors[0].code</c>.</summary>
    private static string Path(string pointer) => string.Concat(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
        .Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : "." + p));

    private static JsonNode Convert(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return JsonNode.Parse(schema.GetRawText())!;
        if (schema.TryGetProperty("$ref", out var reference))
            return new JsonObject { ["$ref"] = Absolute(reference.GetString()!) };
        var converted = new JsonObject();
        foreach (var keyword in schema.EnumerateObject())
        {
            converted[keyword.Name] = keyword.Name switch
            {
                "nullable" => null,
                "properties" => new JsonObject(keyword.Value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Convert(p.Value)))),
                "items" or "additionalProperties" => Convert(keyword.Value),
                "oneOf" or "anyOf" or "allOf" => new JsonArray([.. keyword.Value.EnumerateArray().Select(s => (JsonNode?)Convert(s))]),
                _ => JsonNode.Parse(keyword.Value.GetRawText()),
            };
        }
        converted.Remove("nullable");
        if (!schema.TryGetProperty("nullable", out var nullable) || !nullable.GetBoolean())
            return converted;
        if (converted["enum"] is JsonArray values)
            values.Add(null);
        if (converted["type"] is JsonValue type)
        {
            converted["type"] = new JsonArray(type.GetValue<string>(), "null");
            return converted;
        }
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, converted) };
    }

    private static string Absolute(string reference) =>
        reference.StartsWith("#/", StringComparison.Ordinal) ? DocumentUri.AbsoluteUri + reference : reference;

    private static JsonElement ToElement(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
