namespace CamBuild.Deploy.Proxmox.Formats;

/// <summary>
/// What CamBuild records in a container's description (stored by Proxmox as comment lines in the CT config):
/// which environment and node it is, the candidate, the node digest and the creation attempt that made it.
/// </summary>
/// <param name="Template">Volume id of the template CamBuild uploaded for the candidate (found again by Teardown).</param>
/// <param name="Slot">Null for the active node of the hostname; <see cref="NextSlot"/> for a stand-by created (stopped) for the
/// rollout in progress, <see cref="KeptSlot"/> for an earlier active node kept stopped for an instant rollback.</param>
/// <param name="KeptAt">When a kept stand-by stopped being the active node.</param>
/// <param name="DiskGiB">Root disk size of a CT template (<see cref="TemplateSlot"/>): its linked clones start with it.</param>
internal sealed record NodeDescription(string Environment, string Hostname, string CandidateId, string NodeDigest, string CreationId,
    string? Template = null, string? Slot = null, DateTimeOffset? KeptAt = null, int? DiskGiB = null)
{
    private const string Header = "Managed by CamBuild; do not edit.";
    public const string NextSlot = "next";
    public const string KeptSlot = "kept";

    /// <summary>The CT template of a candidate on one member, made by CamBuild; each node there is a linked clone of it.</summary>
    public const string TemplateSlot = "template";

    public bool IsStandby => Slot is NextSlot or KeptSlot;

    public bool IsTemplate => Slot == TemplateSlot;

    public string Render() =>
        $"{Header}\ncambuild-environment: {Environment}\ncambuild-hostname: {Hostname}\n" +
        $"cambuild-candidate: {CandidateId}\ncambuild-digest: {NodeDigest}\ncambuild-creation: {CreationId}\n" +
        (Template is null ? "" : $"cambuild-template: {Template}\n") +
        (Slot is null ? "" : $"cambuild-slot: {Slot}\n") +
        (KeptAt is not { } at ? "" : $"cambuild-kept-at: {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)}\n") +
        (DiskGiB is not { } disk ? "" : $"cambuild-disk-gib: {disk.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");

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
        DateTimeOffset? keptAt = DateTimeOffset.TryParse(Get("kept-at"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new NodeDescription(Get("environment"), Get("hostname"), Get("candidate"), Get("digest"), Get("creation"),
            Get("template") is { Length: > 0 } template ? template : null,
            Get("slot") is NextSlot or KeptSlot or TemplateSlot ? Get("slot") : null, keptAt,
            int.TryParse(Get("disk-gib"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var disk) ? disk : null);
    }
}
