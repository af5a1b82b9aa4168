using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Puts the candidate's template on the template storage of the members that need it: once when the storage is
/// shared, else on every online member. Skips members that already hold a file of that name and size; uploads
/// carry the sha256 so Proxmox rejects corrupted transfers, and the result is listed again to confirm it.
/// </summary>
internal static class TemplateStore
{
    public static string VolumeId(ProxmoxSettings settings, CandidateRef candidate) =>
        $"{settings.TemplateStorage}:vztmpl/{candidate.TemplateFileName}";

    public static async Task EnsureAsync(ProxmoxSession session, CandidateRef candidate, CancellationToken ct)
    {
        var file = new FileInfo(candidate.TemplateFile);
        if (!file.Exists)
            throw new FileNotFoundException($"candidate template '{candidate.TemplateFile}' does not exist; bake the candidate first", candidate.TemplateFile);
        var resources = await session.Api.GetClusterResourcesAsync(null, ct).ConfigureAwait(false);
        var members = MemberPlacement.OnlineMembers(session.Settings, resources);
        if (members.Count == 0) throw new ProxmoxNodeException($"environment '{session.Environment.Name}': no cluster member is online to receive the template.");
        var shared = resources.Any(r => r.Type == "storage" && r.Storage == session.Settings.TemplateStorage && r.Shared);
        var targets = shared ? members.Take(1) : members;
        await Task.WhenAll(targets.Select(m => EnsureOnMemberAsync(session, m, candidate, file.Length, ct))).ConfigureAwait(false);
    }

    private static async Task EnsureOnMemberAsync(ProxmoxSession session, string member, CandidateRef candidate, long size, CancellationToken ct)
    {
        var storage = session.Settings.TemplateStorage;
        var volume = VolumeId(session.Settings, candidate);
        if (await SizeOnMemberAsync(session, member, volume, ct).ConfigureAwait(false) == size) return;
        session.Log($"uploading {candidate.TemplateFileName} to {storage} on {member}");
        var upid = await session.Api.UploadTemplateAsync(member, storage, candidate.TemplateFile, candidate.TemplateFileName, candidate.TemplateSha256.Hex, ct)
            .ConfigureAwait(false);
        await session.WaitAsync(upid, ct).ConfigureAwait(false);
        session.UploadedTemplates[(member, volume)] = true;
        var stored = await SizeOnMemberAsync(session, member, volume, ct).ConfigureAwait(false);
        if (stored != size)
            throw new ProxmoxNodeException($"template upload to {storage} on {member} finished but {volume} " +
                (stored is null ? "is not listed" : $"has {stored} bytes instead of {size}") + "; check the storage's free space and content types (vztmpl).");
    }

    private static async Task<long?> SizeOnMemberAsync(ProxmoxSession session, string member, string volume, CancellationToken ct)
    {
        var content = await session.Api.ListStorageContentAsync(member, session.Settings.TemplateStorage, "vztmpl", ct).ConfigureAwait(false);
        return content.FirstOrDefault(c => c.VolId == volume)?.Size;
    }
}
