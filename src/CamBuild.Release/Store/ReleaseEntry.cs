using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Release.Store;

/// <summary>
/// One line of <c>channels/&lt;channel&gt;.jsonl</c>: the promotion of a (candidate, configuration) pair to a channel.
/// The last line of a channel is its current release; lines are never rewritten.
/// </summary>
/// <param name="Action"><c>promote</c> for a pair new to the channel, <c>rollback</c> for a pair promoted there before.</param>
/// <param name="QualificationRecord">File name of the record copy under <c>&lt;store&gt;/records/</c>.</param>
/// <param name="PromotedBy"><c>user@host</c> or the actor given by the caller.</param>
/// <param name="PreviousRelease">Release that was current before this line, or null for the first line.</param>
public sealed record ReleaseEntry(
    int Format,
    string Release,
    string Channel,
    string Action,
    string CandidateId,
    string CandidateFile,
    string CandidateSha256,
    string ConfigurationHash,
    string SuitesHash,
    string QualificationRecord,
    string QualificationRecordSha256,
    [property: JsonConverter(typeof(UtcSecondsConverter))] DateTimeOffset PromotedAt,
    string PromotedBy,
    string? PreviousRelease)
{
    public const int CurrentFormat = 1;
    public const string PromoteAction = "promote";
    public const string RollbackAction = "rollback";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public bool IsSamePair(string candidateId, string configurationHash) =>
        CandidateId == candidateId && ConfigurationHash == configurationHash;

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json) + "\n";
}
