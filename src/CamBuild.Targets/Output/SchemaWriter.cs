using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Output;

/// <summary>JSON schema of <c>.nuke/parameters*.json</c>: every parameter with type and description; target lists restricted to target names.</summary>
internal static class SchemaWriter
{
    public static string Render(TargetGraph graph, IReadOnlyList<ParameterInfo> parameters)
    {
        var targetNames = new JsonArray(graph.Targets.Select(t => (JsonNode)JsonValue.Create(t.Name)!).ToArray());
        var props = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        foreach (var p in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            props[p.Name] = Describe(p);
        foreach (var name in new[] { "Skip", "Force" })
            props[name] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = BuiltInOptions.All.First(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Description,
                ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targetNames.DeepClone() },
            };

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Build Schema",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = props,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Describe(ParameterInfo p)
    {
        var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        var node = new JsonObject { ["description"] = p.IsSecret ? p.Description + " (secret: prefer an environment variable)" : p.Description };
        if (type.IsArray) { node["type"] = "array"; node["items"] = new JsonObject { ["type"] = JsonType(type.GetElementType()!) }; }
        else if (type.IsEnum) { node["type"] = "string"; node["enum"] = new JsonArray(p.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()); }
        else node["type"] = JsonType(type);
        return node;
    }

    private static string JsonType(Type t) =>
        t == typeof(bool) ? "boolean"
        : t == typeof(int) || t == typeof(long) ? "integer"
        : t == typeof(double) || t == typeof(decimal) ? "number"
        : "string";
}
