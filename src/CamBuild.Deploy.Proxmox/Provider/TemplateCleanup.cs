using CamBuild.Deploy.Proxmox.Api;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>Deletes the templates this session uploaded (only with provider setting remove_template_on_teardown).</summary>
internal static class TemplateCleanup
{
    public static async Task RemoveAsync(ProxmoxSession session, CancellationToken ct)
    {
        foreach (var (member, volume) in session.UploadedTemplates.Keys.ToArray())
        {
            try
            {
                if (await session.Api.DeleteStorageContentAsync(member, session.Settings.TemplateStorage, volume, ct).ConfigureAwait(false) is { } upid)
                    await session.WaitAsync(upid, ct).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (error.Mentions("does not exist") || error.Mentions("no such"))
            {
            }
            session.UploadedTemplates.TryRemove((member, volume), out _);
            session.Log($"removed template {volume} from {member}");
        }
    }
}
