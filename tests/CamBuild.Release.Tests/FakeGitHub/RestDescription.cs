using System.Text.Json;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>One operation of the official description matched against a concrete request path.</summary>
public sealed record MatchedOperation(string OperationId, string Method, string Template, JsonElement Operation, IReadOnlyDictionary<string, string> PathValues);

/// <summary>
/// The official GitHub REST description (shared/github/rest-subset.json): routes requests to operations by the
/// description's own path templates (honouring x-multi-segment) and exposes the schemas to validate against.
/// </summary>
public sealed class RestDescription
{
    /// <summary>
    /// Routes Octokit uses that the description lacks (github.md §4): Octokit 14 reads a ref with GET git/refs/{ref};
    /// the described operation is GET git/ref/{ref}, with the same response.
    /// </summary>
    private static readonly (string Method, string Template, string OperationId)[] OctokitAliases =
    [
        ("GET", "/repos/{owner}/{repo}/git/refs/{ref}", "git/get-ref"),
    ];

    private readonly List<(string Method, string Template, string[] Segments, JsonElement Operation)> _routes = [];
    private readonly Dictionary<string, JsonElement> _byId = new(StringComparer.Ordinal);

    public RestDescription(string path)
    {
        Document = JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
        Validator = new JsonSchemaValidator(Document);
        foreach (var pathItem in Document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in pathItem.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "patch" or "put" or "delete"))
            {
                _routes.Add((method.Name.ToUpperInvariant(), pathItem.Name, pathItem.Name.Split('/', StringSplitOptions.RemoveEmptyEntries), method.Value));
                _byId[method.Value.GetProperty("operationId").GetString()!] = method.Value;
            }
        }

        foreach (var (method, template, id) in OctokitAliases)
        {
            _routes.Add((method, template, template.Split('/', StringSplitOptions.RemoveEmptyEntries), _byId[id]));
        }

        // Prefer templates with more literal segments: /releases/latest before /releases/{release_id}.
        _routes.Sort((a, b) => Literals(b.Segments).CompareTo(Literals(a.Segments)));
    }

    public JsonElement Document { get; }
    public JsonSchemaValidator Validator { get; }

    public static string Locate() => RepositoryRoot.Shared("github/rest-subset.json");

    public MatchedOperation? Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        foreach (var (routeMethod, template, templateSegments, operation) in _routes)
        {
            if (routeMethod != method)
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (MatchSegments(templateSegments, 0, segments, 0, operation, values))
            {
                return new MatchedOperation(operation.GetProperty("operationId").GetString()!, method, template, operation, values);
            }
        }

        return null;
    }

    public IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().Select(Validator.Resolve) : [];

    public JsonElement? RequestSchema(JsonElement operation, string mediaType) =>
        operation.TryGetProperty("requestBody", out var body) && Validator.Resolve(body).GetProperty("content").TryGetProperty(mediaType, out var content)
            ? content.GetProperty("schema")
            : null;

    /// <summary>The declared response for a status code (null when undeclared), and its JSON schema (null when it has no JSON body).</summary>
    public (JsonElement? Response, JsonElement? Schema) ResponseSchema(JsonElement operation, int status)
    {
        var responses = operation.GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) && !responses.TryGetProperty("default", out response))
        {
            return (null, null);
        }

        response = Validator.Resolve(response);
        return response.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
            ? (response, json.GetProperty("schema"))
            : (response, null);
    }

    public JsonElement Schema(string name) => Document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static int Literals(string[] segments) => segments.Count(s => !s.StartsWith('{'));

    private bool MatchSegments(string[] template, int t, string[] path, int p, JsonElement operation, Dictionary<string, string> values)
    {
        if (t == template.Length)
        {
            return p == path.Length;
        }

        if (p == path.Length)
        {
            return false;
        }

        var segment = template[t];
        if (!segment.StartsWith('{'))
        {
            return segment == path[p] && MatchSegments(template, t + 1, path, p + 1, operation, values);
        }

        var name = segment[1..^1];
        var maxTake = IsMultiSegment(operation, name) ? path.Length - p - (template.Length - t - 1) : 1;
        for (var take = maxTake; take >= 1; take--)
        {
            values[name] = string.Join('/', path[p..(p + take)]);
            if (MatchSegments(template, t + 1, path, p + take, operation, values))
            {
                return true;
            }
        }

        values.Remove(name);
        return false;
    }

    private bool IsMultiSegment(JsonElement operation, string name) =>
        Parameters(operation).Any(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path"
            && p.TryGetProperty("x-multi-segment", out var multi) && multi.GetBoolean());
}
