using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Qualification.Records;

/// <summary>The candidate a qualification ran against.</summary>
/// <param name="Id">sha256 of the uncompressed template tar (the candidate id).</param>
/// <param name="File">File name of the template, e.g. <c>cam_1.0.0-3f2a9c1d0b7e_amd64.tar.zst</c>.</param>
/// <param name="Sha256">sha256 of the compressed template file.</param>
public sealed record CandidateIdentity(string Id, string File, string Sha256)
{
    /// <summary>The identity of a candidate the store verified in this invocation.</summary>
    public static CandidateIdentity Of(CandidateRef candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new(candidate.Id.Value, candidate.TemplateFileName, candidate.TemplateSha256.Hex);
    }
}

/// <summary>Outcome of one suite.</summary>
/// <param name="Kind"><c>integration</c> or <c>acceptance</c>.</param>
/// <param name="JUnit">Path of its JUnit XML, relative to the record's directory.</param>
public sealed record SuiteOutcome(string Name, string Kind, int Passed, int Failed, int Skipped, double Seconds, string JUnit, IReadOnlyList<string> Failures);

/// <summary>
/// Proof that a candidate passed (or failed) qualification with one exact configuration and one exact set of suites.
/// Promotion accepts only a record that passed for the same candidate id and configuration hash.
/// Stored as <c>&lt;qualifications&gt;/&lt;candidate id&gt;-&lt;configuration hash&gt;-&lt;suites hash&gt;.json</c> (each hash 64 hex).
/// </summary>
public sealed record QualificationRecord(
    int Format,
    CandidateIdentity Candidate,
    string ConfigurationHash,
    string SuitesHash,
    string Environment,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    bool Passed,
    IReadOnlyList<SuiteOutcome> Suites,
    string? Report)
{
    public const int CurrentFormat = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string FileName => RecordFileName(Candidate.Id, ConfigurationHash, SuitesHash);

    public static string RecordFileName(string candidateId, string configurationHash, string suitesHash) =>
        $"{candidateId}-{configurationHash}-{suitesHash}.json";

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static QualificationRecord FromJson(string json, string path) =>
        JsonSerializer.Deserialize<QualificationRecord>(json, Json)
        ?? throw new InvalidDataException($"{path}: empty qualification record.");
}
