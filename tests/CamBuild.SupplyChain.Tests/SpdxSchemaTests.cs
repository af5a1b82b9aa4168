using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Sbom;
using Json.Schema;

namespace CamBuild.SupplyChain.Tests;

/// <summary>The SPDX SBOM against the official SPDX 2.3 JSON Schema (shared/schemas/spdx-2.3.schema.json), with JsonSchema.Net.</summary>
public sealed class SpdxSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.Build(JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Shared("schemas/spdx-2.3.schema.json"))).RootElement));

    internal static IReadOnlyList<string> Errors(string json)
    {
        var results = Schema.Value.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    [Fact]
    public void The_small_candidate_passes_the_official_schema()
    {
        Assert.Empty(Errors(SpdxWriter.Write(SmallCandidate.Subject())));
    }

    [Fact]
    public void The_schema_check_refuses_what_the_standard_refuses()
    {
        // Proof the validator is live: an unknown property and a wrong checksum algorithm are both refused.
        var doc = JsonNode.Parse(SpdxWriter.Write(SmallCandidate.Subject()))!;
        doc["packages"]![1]!["checksums"]![0]!["algorithm"] = "SHA-256";
        doc["creationInfo"]!["when"] = "now";
        var errors = Errors(doc.ToJsonString());
        Assert.Contains(errors, e => e.Contains("/packages/1/checksums/0/algorithm", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/creationInfo", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_relationship_names_an_element_of_the_document()
    {
        var doc = JsonNode.Parse(SpdxWriter.Write(SmallCandidate.Subject()))!;
        var ids = doc["packages"]!.AsArray().Select(p => (string)p!["SPDXID"]!).Append("SPDXRef-DOCUMENT").ToHashSet(StringComparer.Ordinal);
        Assert.Equal(ids.Count - 1, doc["packages"]!.AsArray().Count);
        foreach (var r in doc["relationships"]!.AsArray())
        {
            Assert.Contains((string)r!["spdxElementId"]!, ids);
            Assert.Contains((string)r["relatedSpdxElement"]!, ids);
        }
    }
}
