using System.Text.Json;
using System.Text.RegularExpressions;
using CamBuild.Common;

namespace CamBuild.Delivery.Gates;

/// <summary>Who approved which (candidate, configuration) pair for which channel, and when.</summary>
public sealed record Approval(int Format, string Channel, string CandidateId, string ConfigurationHash, string ApprovedBy, DateTimeOffset ApprovedAt, string? Comment);

/// <summary>
/// <c>&lt;releases&gt;/approvals/&lt;channel&gt;/&lt;candidate12&gt;-&lt;configuration12&gt;-&lt;approver&gt;.json</c>, one file per approver and
/// pair (approving twice is one approval). Written by the Approve target, counted by the approvals gate.
/// </summary>
public sealed partial class ApprovalStore(string releasesRoot)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Directory { get; } = Path.Combine(releasesRoot, "approvals");

    public string PathOf(string channel, string candidateId, string configurationHash, string approver) =>
        Path.Combine(Directory, channel, $"{candidateId[..12]}-{configurationHash[..12]}-{Slug().Replace(approver, "_")}.json");

    public Approval Approve(string channel, string candidateId, string configurationHash, string approver, DateTimeOffset at, string? comment = null)
    {
        if (string.IsNullOrWhiteSpace(approver) || approver.Any(char.IsControl))
        {
            throw new InputException($"approver '{approver}' is invalid: pass a name without control characters with --approver (e.g. jane@site)");
        }
        var approval = new Approval(1, channel, candidateId, configurationHash, approver, at.ToUniversalTime(), comment);
        var path = PathOf(channel, candidateId, configurationHash, approver);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(approval, Json) + "\n");
        File.Move(temporary, path, overwrite: true);
        return approval;
    }

    /// <summary>Approvals of exactly this pair for this channel, one per approver.</summary>
    public IReadOnlyList<Approval> For(string channel, string candidateId, string configurationHash)
    {
        var directory = Path.Combine(Directory, channel);
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }
        var approvals = new List<Approval>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, $"{candidateId[..12]}-{configurationHash[..12]}-*.json").Order(StringComparer.Ordinal))
        {
            Approval? approval;
            try
            {
                approval = JsonSerializer.Deserialize<Approval>(File.ReadAllText(file), Json);
            }
            catch (JsonException exception)
            {
                throw new InputException($"{file}:{(exception.LineNumber ?? 0) + 1}: not an approval ({exception.Message}); delete it and run Approve again");
            }
            if (approval is not null && approval.Channel == channel && approval.CandidateId == candidateId && approval.ConfigurationHash == configurationHash)
            {
                approvals.Add(approval);
            }
        }
        return approvals.DistinctBy(approval => approval.ApprovedBy, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
