using System.Globalization;
using System.Text.Json;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>Typed calls of the Proxmox VE API used by the deploy tool; parameter names as in the official schema.</summary>
internal sealed class ProxmoxApi(ProxmoxTransport transport)
{
    private static string Id(int vmid) => vmid.ToString(CultureInfo.InvariantCulture);
    private static string Seg(string value) => Uri.EscapeDataString(value);
    private static string Ct(string node, int vmid) => $"/nodes/{Seg(node)}/lxc/{Id(vmid)}";

    public ProxmoxTransport Transport { get; } = transport;

    public async Task<PveVersion> GetVersionAsync(CancellationToken ct)
    {
        return ProxmoxAnswers.Version(await Transport.GetAsync("/version", null, ct).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<ClusterResource>> GetClusterResourcesAsync(string? type, CancellationToken ct)
    {
        var data = await Transport.GetAsync("/cluster/resources", type is null ? null : [new("type", type)], ct).ConfigureAwait(false);
        return ProxmoxAnswers.ClusterResources(data);
    }

    /// <summary>Lowest free VMID (Proxmox answers it as a JSON string).</summary>
    public async Task<int> GetNextIdAsync(CancellationToken ct)
    {
        var data = await Transport.GetAsync("/cluster/nextid", null, ct).ConfigureAwait(false);
        return ProxmoxAnswers.NextId(data);
    }

    /// <summary><c>GET /cluster/nextid?vmid=N</c>: true when N is free, false when Proxmox answers 400 "already exists".</summary>
    public async Task<bool> IsVmidFreeAsync(int vmid, CancellationToken ct)
    {
        try
        {
            await Transport.GetAsync("/cluster/nextid", [new("vmid", Id(vmid))], ct).ConfigureAwait(false);
            return true;
        }
        catch (ProxmoxApiException error) when (error.StatusCode == 400 && error.Mentions("already exists"))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<StorageContentItem>> ListStorageContentAsync(string node, string storage, string content, CancellationToken ct)
    {
        var data = await Transport.GetAsync($"/nodes/{Seg(node)}/storage/{Seg(storage)}/content", [new("content", content)], ct).ConfigureAwait(false);
        return ProxmoxAnswers.StorageContent(data);
    }

    public Task<Upid> UploadTemplateAsync(string node, string storage, string localFile, string fileName, string sha256, CancellationToken ct) =>
        TemplateUpload.SendAsync(this, node, storage, localFile, fileName, sha256, ct);

    public async Task<Upid?> DeleteStorageContentAsync(string node, string storage, string volume, CancellationToken ct) =>
        OptionalUpid(await Transport.SendAsync(HttpMethod.Delete, $"/nodes/{Seg(node)}/storage/{Seg(storage)}/content/{Seg(volume)}", null, ct)
            .ConfigureAwait(false));

    public async Task<Upid> CreateContainerAsync(string node, ContainerCreateRequest request, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Post, $"/nodes/{Seg(node)}/lxc", request?.ToParameters(), ct).ConfigureAwait(false));

    public async Task<Upid> StartContainerAsync(string node, int vmid, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Post, Ct(node, vmid) + "/status/start", null, ct).ConfigureAwait(false));

    public async Task<Upid> StopContainerAsync(string node, int vmid, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Post, Ct(node, vmid) + "/status/stop", null, ct).ConfigureAwait(false));

    public async Task<Upid> ShutdownContainerAsync(string node, int vmid, TimeSpan timeout, bool forceStop, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Post, Ct(node, vmid) + "/status/shutdown",
            [new("timeout", ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)), new("forceStop", forceStop ? "1" : "0")], ct)
            .ConfigureAwait(false));

    public async Task<ContainerStatus> GetContainerStatusAsync(string node, int vmid, CancellationToken ct)
    {
        var s = await Transport.GetAsync(Ct(node, vmid) + "/status/current", null, ct).ConfigureAwait(false);
        return ProxmoxAnswers.ContainerStatus(s, vmid);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetContainerConfigAsync(string node, int vmid, CancellationToken ct)
    {
        var data = await Transport.GetAsync(Ct(node, vmid) + "/config", null, ct).ConfigureAwait(false);
        return ProxmoxAnswers.ContainerConfig(data);
    }

    /// <summary>Synchronous config change; <paramref name="digest"/> makes it fail if the config changed meanwhile.</summary>
    public async Task UpdateContainerConfigAsync(string node, int vmid, IReadOnlyDictionary<string, string> set,
        IReadOnlyList<string> delete, string? digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(delete);
        var parameters = set.ToList();
        if (delete.Count > 0) parameters.Add(new("delete", string.Join(',', delete)));
        if (digest is not null) parameters.Add(new("digest", digest));
        await Transport.SendAsync(HttpMethod.Put, Ct(node, vmid) + "/config", parameters, ct).ConfigureAwait(false);
    }

    public async Task<Upid> DeleteContainerAsync(string node, int vmid, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Delete, Ct(node, vmid),
            [new("purge", "1"), new("destroy-unreferenced-disks", "1")], ct).ConfigureAwait(false));

    /// <summary>
    /// <c>POST …/clone</c>: a linked clone (<c>full=0</c>) of a CT template with the given hostname and description. Proxmox
    /// locks the source (<c>lock: disk</c>) until the clone task ends and the new CT (<c>lock: create</c>) likewise.
    /// </summary>
    public async Task<Upid> CloneContainerAsync(string node, int vmid, int newId, string hostname, string description, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Post, Ct(node, vmid) + "/clone",
            [new("newid", Id(newId)), new("hostname", hostname), new("description", description), new("full", "0")], ct).ConfigureAwait(false));

    /// <summary><c>POST …/template</c>: answers null although a <c>vztemplate</c> worker runs (find it with <see cref="ListTasksAsync"/>).</summary>
    public async Task ConvertToTemplateAsync(string node, int vmid, CancellationToken ct) =>
        await Transport.SendAsync(HttpMethod.Post, Ct(node, vmid) + "/template", null, ct).ConfigureAwait(false);

    /// <summary><c>PUT …/resize</c> of the root disk to <paramref name="sizeGiB"/> GiB (growing only).</summary>
    public async Task<Upid> ResizeRootFsAsync(string node, int vmid, int sizeGiB, CancellationToken ct) =>
        ToUpid(await Transport.SendAsync(HttpMethod.Put, Ct(node, vmid) + "/resize",
            [new("disk", "rootfs"), new("size", Id(sizeGiB) + "G")], ct).ConfigureAwait(false));

    /// <summary>Tasks of one guest and type on a member, running and finished (<c>source=all</c>).</summary>
    public async Task<IReadOnlyList<TaskListItem>> ListTasksAsync(string node, int vmid, string type, CancellationToken ct)
    {
        var data = await Transport.GetAsync($"/nodes/{Seg(node)}/tasks",
            [new("vmid", Id(vmid)), new("typefilter", type), new("source", "all")], ct).ConfigureAwait(false);
        return ProxmoxAnswers.TaskList(data);
    }

    /// <summary>Polls the node named inside the UPID, as Proxmox requires.</summary>
    public async Task<ProxmoxTaskStatus> GetTaskStatusAsync(Upid upid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var s = await Transport.GetAsync($"/nodes/{Seg(upid.Node)}/tasks/{Seg(upid.Text)}/status", null, ct).ConfigureAwait(false);
        return ProxmoxAnswers.TaskStatus(s, upid);
    }

    /// <summary>The whole task log (<c>limit=0</c>).</summary>
    public async Task<IReadOnlyList<TaskLogLine>> GetTaskLogAsync(Upid upid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var data = await Transport.GetAsync($"/nodes/{Seg(upid.Node)}/tasks/{Seg(upid.Text)}/log", [new("start", "0"), new("limit", "0")], ct)
            .ConfigureAwait(false);
        return ProxmoxAnswers.TaskLog(data);
    }

    internal static Upid ToUpid(JsonElement data) => ProxmoxAnswers.ToUpid(data);

    private static Upid? OptionalUpid(JsonElement data) => ProxmoxAnswers.OptionalUpid(data);
}
