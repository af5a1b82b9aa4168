using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Delivery.History;

/// <summary>
/// One line of <c>&lt;releases&gt;/deliveries/&lt;channel&gt;.jsonl</c>, the delivery side of a channel's history (promotions stay in
/// <c>channels/&lt;channel&gt;.jsonl</c>): a delivery that started, ended (succeeded / failed / rolled-back), or a refusal.
/// </summary>
/// <param name="Kind"><c>deliver</c>, <c>rollback</c> (a Rollback's delivery), or <c>refusal</c> (a gate refused Promote, Deliver or Rollback).</param>
/// <param name="Outcome"><c>started</c>, <c>succeeded</c>, <c>failed</c>, <c>refused</c>, or <c>interrupted</c> (a delivery
/// whose process died without recording an end: written by the next Deliver or Rollback of the channel).</param>
/// <param name="Nodes">Hostnames the delivery replaced or created (for a failed one: the ones it rolled back).</param>
/// <param name="Message">The refusal or failure, one paragraph.</param>
public sealed record DeliveryEvent(
    string Kind,
    string Outcome,
    string Channel,
    string? Release,
    string? CandidateId,
    string? ConfigurationHash,
    string? Environment,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Nodes,
    string By,
    string? Message)
{
    public const string Started = "started";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Refused = "refused";
    public const string Interrupted = "interrupted";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json) + "\n";
}
