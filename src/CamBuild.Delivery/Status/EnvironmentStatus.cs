using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Delivery.Status;

/// <summary>One node as Status sees it now, against what the last deploy or delivery recorded.</summary>
/// <param name="Container"><c>running</c>, <c>stopped</c>, <c>missing</c> (recorded or configured, but absent) or <c>extra</c> (not configured).</param>
/// <param name="FingerprintMatches">Live fingerprint equals the recorded one; null when it could not be read (node down, no record).</param>
public sealed record NodeStatus(
    string Hostname,
    string? Release,
    string? CandidateId,
    string? ConfigurationHash,
    string Container,
    bool? FingerprintMatches,
    bool Healthy,
    string? HealthProblem,
    DateTimeOffset? LastChange)
{
    public bool Drifted => Container is "missing" or "extra" or "stopped" || FingerprintMatches == false;
}

/// <summary>Status of one environment: every configured, recorded and observed node.</summary>
public sealed record EnvironmentStatus(string Environment, string? Channel, string? Release, string? CandidateId, string? ConfigurationHash,
    IReadOnlyList<NodeStatus> Nodes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public bool Drifted => Nodes.Any(node => node.Drifted);

    public bool Healthy => Nodes.All(node => node.Healthy);

    public bool Clean => !Drifted && Healthy;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        environment = Environment, channel = Channel, release = Release, candidateId = CandidateId, configurationHash = ConfigurationHash,
        clean = Clean, drifted = Drifted, healthy = Healthy, nodes = Nodes.Select(node => new
        {
            hostname = node.Hostname, release = node.Release, candidateId = node.CandidateId, configurationHash = node.ConfigurationHash,
            container = node.Container, fingerprintMatches = node.FingerprintMatches, healthy = node.Healthy, healthProblem = node.HealthProblem,
            lastChange = node.LastChange, drifted = node.Drifted,
        }),
    }, Json);
}
