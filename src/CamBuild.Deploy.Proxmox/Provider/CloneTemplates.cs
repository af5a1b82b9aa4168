using System.Collections.Concurrent;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// The CT templates of linked clones: per member and candidate one CT, created (stopped, no network) from the uploaded
/// vztmpl, then converted with <c>POST …/template</c>; each node on that member is a linked clone of it
/// (<c>POST …/clone</c>, <c>full=0</c>). A template is found again by its description (environment, candidate,
/// <c>cambuild-slot: template</c>, root disk size), so a later run never makes a second one; one a killed run left
/// unconverted is converted, one still locked is waited for. Clones of one template run one at a time, because
/// Proxmox holds <c>lock: disk</c> on the source for the whole clone task.
/// </summary>
internal sealed class CloneTemplates(ProxmoxSession session, ProxmoxProviderOptions options)
{
    /// <summary>Storage plugins whose container volumes Proxmox can clone linked (raw or subvol base volumes).</summary>
    public static readonly IReadOnlyList<string> LinkedCapable = ["lvmthin", "zfspool", "rbd", "btrfs"];

    private readonly ConcurrentDictionary<(string Member, string Key), Lazy<Task<ManagedContainer>>> _ensuring = new();
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();
    private volatile string? _unavailable;

    public static bool SupportsLinked(string? pluginType) => pluginType is not null && LinkedCapable.Contains(pluginType);

    /// <summary>One clone at a time per template (the source stays locked until the clone task ends).</summary>
    public SemaphoreSlim GateOf(int templateVmid) => _gates.GetOrAdd(templateVmid, _ => new SemaphoreSlim(1, 1));

    /// <summary>Proxmox refused a linked clone (<c>clone: auto</c>): every later node of this run is a full create.</summary>
    public void MarkUnavailable(string reason)
    {
        if (_unavailable is null) session.Log($"linked clones are not available ({reason}); creating the remaining nodes from the template file");
        _unavailable = reason;
    }

    /// <summary>Root disk of the templates: the smallest of the environment's nodes (clones with more are resized).</summary>
    public int BaseDiskGiB => Math.Max(1, session.Environment.Nodes.Count == 0 ? 1 : session.Environment.Nodes.Min(n => n.DiskGiB));

    /// <summary>The converted CT template a node on <paramref name="member"/> is cloned from; null for a full create.</summary>
    public async Task<ManagedContainer?> ForNodeAsync(string member, NodeSpec node, CandidateRef candidate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        var mode = session.Settings.Cloning;
        if (mode == CloneMode.Full) return null;
        if (mode == CloneMode.Auto && (_unavailable is not null || !SupportsLinked(session.RootStorageTypes.GetValueOrDefault(member)))) return null;
        var disk = BaseDiskGiB;
        if (node.DiskGiB < disk) return null;
        var key = (member, candidate.Id.Value + "/" + disk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ensuring = _ensuring.GetOrAdd(key, _ => new Lazy<Task<ManagedContainer>>(() => EnsureAsync(member, candidate, disk, ct)));
        try
        {
            return await ensuring.Value.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _ensuring.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ManagedContainer>>>(key, ensuring));
            if (mode == CloneMode.Linked) throw;
            session.Log($"{node.Hostname}: the CT template on {member} could not be made ({error.Message.Split('\n')[0]}); creating the node from the template file");
            return null;
        }
    }

    private async Task<ManagedContainer> EnsureAsync(string member, CandidateRef candidate, int disk, CancellationToken ct)
    {
        var env = session.Environment.Name;
        var volume = TemplateStore.VolumeId(session.Settings, candidate);
        var found = session.KnownTemplates.Values
            .Where(t => t.Member == member && t.Description is { } d && d.Environment == env && d.CandidateId == candidate.Id.Value
                && d.Template == volume && d.DiskGiB == disk)
            .OrderBy(t => t.Vmid).ToList();
        foreach (var known in found)
        {
            var current = await session.InspectAsync(known.Member, known.Vmid, ct).ConfigureAwait(false);
            if (current is not null && current.Lock is not null)
            {
                if (!await session.WaitUnlockedAsync(current.Member, current.Vmid, ct).ConfigureAwait(false)) continue;
                current = await session.InspectAsync(known.Member, known.Vmid, ct).ConfigureAwait(false);
            }
            if (current is null) continue;
            if (current.Converted) return current;
            // Created by a run that ended before the conversion: finish it instead of making another.
            session.Log($"CT template {current.Vmid} on {member} was left unconverted by an earlier run; converting it");
            return await ConvertAsync(current, ct).ConfigureAwait(false);
        }
        var (vmid, description) = await new NodeCreator(session, options).CreateTemplateContainerAsync(member, candidate, disk, ct).ConfigureAwait(false);
        var made = new ManagedContainer(member, vmid, description.Hostname, "stopped", null, description);
        session.Remember(made);
        var converted = await ConvertAsync(made, ct).ConfigureAwait(false);
        session.Log($"CT template {vmid} on {member} made for candidate {candidate.Id.Value[..12]} (linked clones of it from now on)");
        return converted;
    }

    /// <summary>
    /// <c>POST …/template</c> answers null while a <c>vztemplate</c> worker runs: that task is found in the member's task
    /// list (the one not there before the call) and awaited, then the config must say <c>template: 1</c>.
    /// </summary>
    private async Task<ManagedContainer> ConvertAsync(ManagedContainer container, CancellationToken ct)
    {
        var (member, vmid) = (container.Member, container.Vmid);
        var before = (await session.Api.ListTasksAsync(member, vmid, "vztemplate", ct).ConfigureAwait(false)).Select(t => t.Upid).ToHashSet(StringComparer.Ordinal);
        try
        {
            await session.Api.ConvertToTemplateAsync(member, vmid, ct).ConfigureAwait(false);
        }
        catch (ProxmoxApiException error) when (error.Mentions("template to a template"))
        {
            // An earlier attempt whose answer was lost converted it.
        }
        var deadline = DateTimeOffset.UtcNow + session.Settings.TaskTimeout;
        while (true)
        {
            var task = (await session.Api.ListTasksAsync(member, vmid, "vztemplate", ct).ConfigureAwait(false)).FirstOrDefault(t => !before.Contains(t.Upid));
            if (task is not null && Upid.TryParse(task.Upid, out var upid))
            {
                await session.WaitAsync(upid!, ct).ConfigureAwait(false);
                break;
            }
            var config = await session.Api.GetContainerConfigAsync(member, vmid, ct).ConfigureAwait(false);
            if (config.GetValueOrDefault("template") == "1") break;
            if (DateTimeOffset.UtcNow > deadline)
                throw new ProxmoxNodeException($"CT {vmid} on {member} did not become a template within {session.Settings.TaskTimeout.TotalSeconds:0} s " +
                    "(no vztemplate task seen); check its tasks in the Proxmox web UI.");
            await Task.Delay(options.TaskFirstPoll, ct).ConfigureAwait(false);
        }
        var after = await session.InspectAsync(member, vmid, ct).ConfigureAwait(false)
            ?? throw new ProxmoxNodeException($"CT template {vmid} on {member} disappeared while it was being converted.");
        if (!after.Converted)
            throw new ProxmoxNodeException($"CT {vmid} on {member}: the vztemplate task ended but its config does not say 'template: 1'.");
        return after;
    }
}
