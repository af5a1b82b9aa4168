namespace CamBuild.Deploy.Proxmox.Formats;

/// <summary>
/// What CamBuild records in a container's description (stored by Proxmox as comment lines in the CT config):
/// which environment and node it is, the candidate, the node digest and the creation attempt that made it.
/// </summary>
/// <param name="Template">Volume id of the template CamBuild uploaded for the candidate (found again by Teardown).</param>
internal sealed record NodeDescription(string Environment, string Hostname, string CandidateId, string NodeDigest, string CreationId,
    string? Template = null)
{
    private const string Header = "Managed by CamBuild; do not edit.";

    public string Render() =>
        $"{Header}\ncambuild-environment: {Environment}\ncambuild-hostname: {Hostname}\n" +
        $"cambuild-candidate: {CandidateId}\ncambuild-digest: {NodeDigest}\ncambuild-creation: {CreationId}\n" +
        (Template is null ? "" : $"cambuild-template: {Template}\n");

    /// <summary>Parses a description written by <see cref="Render"/>; null when it is not one of ours.</summary>
    public static NodeDescription? Parse(string? description)
    {
        if (string.IsNullOrEmpty(description)) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in description.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string Get(string key) => fields.TryGetValue("cambuild-" + key, out var v) ? v : "";
        if (Get("environment").Length == 0 || Get("hostname").Length == 0) return null;
        return new NodeDescription(Get("environment"), Get("hostname"), Get("candidate"), Get("digest"), Get("creation"),
            Get("template") is { Length: > 0 } template ? template : null);
    }
}
