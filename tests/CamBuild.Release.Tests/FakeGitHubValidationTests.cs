using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CamBuild.Release.Tests.FakeGitHub;

namespace CamBuild.Release.Tests;

/// <summary>The fake's own checks: schema validator, routing by the description, request validation, authentication.</summary>
public sealed class FakeGitHubValidationTests
{
    private static RestDescription Rest => GitHubTestHost.Rest;

    private static List<string> Validate(string json, string schema) =>
        Rest.Validator.Validate(JsonDocument.Parse(json).RootElement, Rest.Schema(schema));

    [Fact]
    public void Every_keyword_in_the_description_schemas_is_supported_or_an_annotation()
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var keyword in schema.EnumerateObject())
            {
                if (!JsonSchemaValidator.Supported.Contains(keyword.Name) && !JsonSchemaValidator.Annotations.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
                {
                    unknown.Add(keyword.Name);
                }

                switch (keyword.Name)
                {
                    case "properties":
                        foreach (var property in keyword.Value.EnumerateObject())
                        {
                            Walk(property.Value);
                        }

                        break;
                    case "items" or "additionalProperties":
                        Walk(keyword.Value);
                        break;
                    case "oneOf" or "anyOf" or "allOf":
                        foreach (var part in keyword.Value.EnumerateArray())
                        {
                            Walk(part);
                        }

                        break;
                }
            }
        }

        foreach (var schema in Rest.Document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            Walk(schema.Value);
        }

        Assert.Empty(unknown);
    }

    [Fact]
    public void Validator_reports_type_required_enum_and_honours_nullable()
    {
        Assert.Empty(Validate("""{"message":"Not Found","documentation_url":"x"}""", "basic-error"));
        Assert.Equal(["$.message: type: Value is \"integer\" but should be \"string\""], Validate("""{"message":5}""", "basic-error"));
        Assert.Equal(["$: required: Required properties [\"documentation_url\"] are not present"], Validate("""{"message":"m"}""", "validation-error"));
        Assert.Equal(["$.errors[0]: required: Required properties [\"code\"] are not present"], Validate("""{"message":"m","documentation_url":"d","errors":[{"field":"x"}]}""", "validation-error"));

        var asset = """{"id":1,"name":"a","content_type":"t","size":1,"digest":null,"state":"gone","url":"u","node_id":"n","download_count":0,"label":null,"uploader":null,"browser_download_url":"b","created_at":"c","updated_at":"u"}""";
        Assert.Equal(["$.state: enum: Value should match one of the values specified by the enum"], Validate(asset, "release-asset"));
        Assert.Equal(["$.size: type: Value is \"number\" but should be \"integer\""], Validate(asset.Replace("\"gone\"", "\"open\"").Replace("\"size\":1", "\"size\":1.5"), "release-asset"));
        Assert.Equal(["$.name: type: Value is \"null\" but should be \"string\""], Validate(asset.Replace("\"gone\"", "\"open\"").Replace("\"name\":\"a\"", "\"name\":null"), "release-asset"));
    }

    [Theory]
    [InlineData("GET", "/repos/o/r/releases/tags/cam/with/slash", "repos/get-release-by-tag")]
    [InlineData("GET", "/repos/o/r/releases/latest", "repos/get-latest-release")]
    [InlineData("GET", "/repos/o/r/releases/17", "repos/get-release")]
    [InlineData("DELETE", "/repos/o/r/releases/assets/9", "repos/delete-release-asset")]
    [InlineData("GET", "/repos/o/r/git/ref/tags/v1", "git/get-ref")]
    [InlineData("GET", "/repos/o/r/git/refs/tags/v1", "git/get-ref")]
    [InlineData("GET", "/repos/o/r/commits/heads/main/statuses", "repos/list-commit-statuses-for-ref")]
    public void Requests_are_routed_by_the_descriptions_own_paths(string method, string path, string operationId)
    {
        Assert.Equal(operationId, Rest.Match(method, path)?.OperationId);
    }

    [Fact]
    public async Task Bad_requests_unknown_routes_and_missing_credentials_are_caught()
    {
        await using var server = new FakeGitHubServer(Rest, "right-token");
        server.State.AddRepository("o", "r", new string('1', 40));
        using var http = new HttpClient { BaseAddress = new Uri(server.Root) };
        using var noBody = new StringContent("{\"ref\":\"refs/tags/v1\"}", Encoding.UTF8, "application/json");
        using var unauthenticated = new StringContent("{}", Encoding.UTF8, "application/json");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "right-token");

        using var missingSha = await http.PostAsync(new Uri("/api/v3/repos/o/r/git/refs", UriKind.Relative), noBody);
        using var unknown = await http.GetAsync(new Uri("/api/v3/repos/o/r/not-there", UriKind.Relative));
        http.DefaultRequestHeaders.Authorization = null;
        using var anonymous = await http.PostAsync(new Uri("/api/v3/repos/o/r/git/refs", UriKind.Relative), unauthenticated);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingSha.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(
            ["git/create-ref request body: required: Required properties [\"sha\"] are not present", "GET /api/v3/repos/o/r/not-there: not an operation of the description"],
            server.Violations);
    }
}
