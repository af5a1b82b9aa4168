using CamBuild.Deploy.Proxmox.Api;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Deletes the templates CamBuild uploaded for this environment (only with provider setting
/// remove_template_on_teardown): those this session uploaded and those named in the descriptions of the
/// environment's containers, so a Teardown run in another process finds them again. Only volumes whose name marks
/// them as CamBuild's upload (<see cref="TemplateStore.UploadName"/>) are touched.
/// </summary>
internal static class TemplateCleanup
{
    public static async Task RemoveAsync(ProxmoxSession session, CancellationToken ct)
    {
        var settings = session.Settings;
        var volumes = session.UploadedTemplates.Keys.Select(k => k.Volume).Concat(session.SeenTemplates.Keys)
            .Where(v => TemplateStore.IsOurs(settings, v)).ToHashSet(StringComparer.Ordinal);
        if (volumes.Count == 0) return;
        var resources = await session.Api.GetClusterResourcesAsync(null, ct).ConfigureAwait(false);
        var members = MemberPlacement.OnlineMembers(settings, resources);
        var shared = resources.Any(r => r.Type == "storage" && r.Storage == settings.TemplateStorage && r.Shared);
        foreach (var member in shared ? members.Take(1) : members)
        {
            var present = await session.Api.ListStorageContentAsync(member, settings.TemplateStorage, "vztmpl", ct).ConfigureAwait(false);
            foreach (var volume in present.Select(c => c.VolId).Where(volumes.Contains))
            {
                try
                {
                    if (await session.Api.DeleteStorageContentAsync(member, settings.TemplateStorage, volume, ct).ConfigureAwait(false) is { } upid)
                        await session.WaitAsync(upid, ct).ConfigureAwait(false);
                }
                catch (ProxmoxApiException error) when (error.Mentions("does not exist") || error.Mentions("no such"))
                {
                }
                session.UploadedTemplates.TryRemove((member, volume), out _);
                session.Log($"removed template {volume} from {member}");
            }
        }
        foreach (var volume in volumes) session.SeenTemplates.TryRemove(volume, out _);
    }
}
