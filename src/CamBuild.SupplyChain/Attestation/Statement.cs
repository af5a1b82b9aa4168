using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.SupplyChain.Attestation;

/// <summary>A subject of a statement: a name and its sha256.</summary>
public sealed record StatementSubject(string Name, Sha256 Digest);

/// <summary>An in-toto Statement v1 for the pipeline's own predicate types (qualification, promotion, delivery, rebuild).</summary>
public static class Statement
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Create(string statementType, IEnumerable<StatementSubject> subjects, JsonNode predicate)
    {
        var subjectArray = new JsonArray();
        foreach (var s in subjects)
            subjectArray.Add(new JsonObject { ["name"] = s.Name, ["digest"] = new JsonObject { ["sha256"] = s.Digest.Hex } });
        var statement = new JsonObject
        {
            ["_type"] = StatementTypes.StatementV1,
            ["subject"] = subjectArray,
            ["predicateType"] = StatementTypes.PredicateTypes[statementType],
            ["predicate"] = predicate,
        };
        return statement.ToJsonString(Json) + "\n";
    }
}
