using System.Security.Cryptography;
using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Puts the candidate's template on the template storage of the members that need it: once when the storage is
/// shared, else on every online member. Skips members that already hold a file of that name and size; uploads
/// carry the sha256 so Proxmox rejects corrupted transfers, and the result is listed again to confirm it.
/// </summary>
internal static class TemplateStore
{
    private const string Prefix = "cambuild-";

    /// <summary>
    /// The name CamBuild uploads a candidate's template under: <c>cambuild-&lt;first 16 hex of its sha256&gt;-&lt;file&gt;</c>,
    /// so the volume name alone says that CamBuild put it there and with exactly which content.
    /// </summary>
    public static string UploadName(CandidateRef candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return $"{Prefix}{candidate.TemplateSha256.ToLowerInvariant()[..16]}-{candidate.TemplateFileName}";
    }

    public static string VolumeId(ProxmoxSettings settings, CandidateRef candidate) =>
        $"{settings.TemplateStorage}:vztmpl/{UploadName(candidate)}";

    /// <summary>True for a volume named by <see cref="UploadName"/> on the environment's template storage.</summary>
    public static bool IsOurs(ProxmoxSettings settings, string volume) =>
        System.Text.RegularExpressions.Regex.IsMatch(volume,
            "^" + System.Text.RegularExpressions.Regex.Escape(settings.TemplateStorage) + ":vztmpl/" + Prefix + "[0-9a-f]{16}-.+$");

    public static async Task EnsureAsync(ProxmoxSession session, CandidateRef candidate, CancellationToken ct)
    {
        var file = new FileInfo(candidate.TemplateFile);
        if (!file.Exists)
            throw new FileNotFoundException($"candidate template '{candidate.TemplateFile}' does not exist; bake the candidate first", candidate.TemplateFile);
        await VerifyLocalChecksumAsync(candidate, ct).ConfigureAwait(false);
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
        session.Log($"uploading {candidate.TemplateFileName} to {storage} on {member} as {volume}");
        var upid = await session.Api.UploadTemplateAsync(member, storage, candidate.TemplateFile, UploadName(candidate), candidate.TemplateSha256, ct)
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

    private static async Task VerifyLocalChecksumAsync(CandidateRef candidate, CancellationToken ct)
    {
        var stream = File.OpenRead(candidate.TemplateFile);
        await using (stream.ConfigureAwait(false))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
            if (!string.Equals(actual, candidate.TemplateSha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"candidate template '{candidate.TemplateFile}' has sha256 {actual}, but the candidate records " +
                    $"{candidate.TemplateSha256}; the file was changed after baking; bake the candidate again.");
        }
    }
}
