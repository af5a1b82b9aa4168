using System.Globalization;
using System.Text.Json;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>Checks one request and the fake's response against the operation in the official description.</summary>
public sealed class ExchangeValidator(RestDescription description)
{
    public List<string> CheckRequest(MatchedOperation op, FakeRequest request)
    {
        var errors = new List<string>();
        var where = $"{op.OperationId} request";
        var declared = description.Parameters(op.Operation).ToList();
        foreach (var parameter in declared)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString();
            string? value = location switch
            {
                "path" => op.PathValues.GetValueOrDefault(name),
                "query" => request.Query.GetValueOrDefault(name),
                _ => null,
            };
            if (value is null)
            {
                if (parameter.TryGetProperty("required", out var required) && required.GetBoolean() && location is "path" or "query")
                {
                    errors.Add($"{where}: required {location} parameter '{name}' is missing");
                }

                continue;
            }

            var type = description.Validator.Resolve(parameter.GetProperty("schema")).GetProperty("type").GetString();
            if (type == "integer" && !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{where}: {location} parameter '{name}' = '{value}' is not an integer");
            }
        }

        foreach (var query in request.Query.Keys.Where(q => !declared.Any(p => p.GetProperty("name").GetString() == q && p.GetProperty("in").GetString() == "query")))
        {
            errors.Add($"{where}: query parameter '{query}' is not declared");
        }

        CheckRequestBody(op, request, where, errors);
        return errors;
    }

    public List<string> CheckResponse(MatchedOperation op, int status, JsonElement? body)
    {
        var where = $"{op.OperationId} response {status}";
        var (response, schema) = description.ResponseSchema(op.Operation, status);
        if (response is null)
        {
            // 401 is not declared per operation in the description; GitHub answers it with a basic-error body.
            return status == 401 && body is { } error
                ? description.Validator.Validate(error, description.Schema("basic-error"), where)
                : [$"{where}: status {status} is not declared for this operation"];
        }

        if (schema is null)
        {
            // The upload operation declares its 422 without a body; GitHub sends its validation-error shape.
            return body switch
            {
                null => [],
                { } e when status == 422 => description.Validator.Validate(e, description.Schema("validation-error"), where),
                _ => [$"{where}: the description declares no body, but one was sent"],
            };
        }

        return body is { } json ? description.Validator.Validate(json, schema.Value, where) : [$"{where}: a JSON body is required"];
    }

    private void CheckRequestBody(MatchedOperation op, FakeRequest request, string where, List<string> errors)
    {
        if (!op.Operation.TryGetProperty("requestBody", out var requestBody))
        {
            if (request.Body.Length > 0)
            {
                errors.Add($"{where}: the operation takes no body, got {request.Body.Length} bytes");
            }

            return;
        }

        var required = description.Validator.Resolve(requestBody).TryGetProperty("required", out var r) && r.GetBoolean();
        if (description.RequestSchema(op.Operation, "application/json") is { } jsonSchema)
        {
            // Octokit sends JSON labelled application/x-www-form-urlencoded (github.md §4): parse regardless of the header.
            if (request.Json is { } json)
            {
                errors.AddRange(description.Validator.Validate(json, jsonSchema, where + " body"));
            }
            else if (required || request.Body.Length > 0)
            {
                errors.Add($"{where}: body is not JSON");
            }
        }
        else if (description.RequestSchema(op.Operation, "application/octet-stream") is not null && string.IsNullOrEmpty(request.ContentType))
        {
            errors.Add($"{where}: a binary upload needs a Content-Type header naming the asset's media type");
        }
    }
}
