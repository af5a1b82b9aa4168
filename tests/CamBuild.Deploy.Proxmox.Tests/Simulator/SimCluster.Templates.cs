using System.Globalization;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>
/// CT templates and linked clones as pve-container does them: <c>POST …/template</c> (answers null, a vztemplate worker
/// sets <c>template: 1</c> and renames the disk to a base volume), <c>POST …/clone</c> (the source locked <c>disk</c> and the
/// new CT <c>create</c> until the vzclone task ends; linked only on storages with clonable container volumes), resize,
/// and the task list that finds a worker without a UPID.
/// </summary>
public sealed partial class SimCluster
{
    private static readonly string[] LinkedCloneTypes = ["lvmthin", "zfspool", "rbd", "btrfs"];
    private readonly Dictionary<string, int> _cloneTargets = new(StringComparer.Ordinal);

    public object? ConvertToTemplate(string node, string vmid, string user)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            if (_tasks.Values.Any(t => t.Type == "vztemplate" && t.Id == vmid && t.Status == "running"))
                throw new PveError(500, $"can't lock file '/run/lock/lxc/pve-config-{vmid}.lock' - got timeout");
            if (ct.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            if (ct.IsTemplate) throw new PveError(500, "you can't convert a template to a template");
            if (ct.Status == "running") throw new PveError(500, "you can't convert a CT to template if the CT is running");
            StartTask(node, "vztemplate", vmid, user, TemplateDuration, [], _ =>
            {
                ct.Config["template"] = "1";
                ct.Config["rootfs"] = ct.Config["rootfs"].Replace($"vm-{vmid}-disk-", $"base-{vmid}-disk-", StringComparison.Ordinal);
                return null;
            });
            return null;
        }
    }

    public object CloneContainer(string node, string vmid, IReadOnlyDictionary<string, string> p, string user)
    {
        lock (_gate)
        {
            var source = RequireContainer(node, vmid);
            if (source.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            var newId = int.Parse(p["newid"], CultureInfo.InvariantCulture);
            if (_containers.TryGetValue(newId, out var taken)) throw new PveError(500, $"CT {newId} already exists on node '{taken.Member}'");
            var full = p.TryGetValue("full", out var f) ? f == "1" : !source.IsTemplate;
            if (!source.IsTemplate && !full) full = true; // "This is always done when you clone a normal CT."
            if (p.ContainsKey("storage") && !full) throw new PveError(500, "parameter 'storage' not allowed for linked clones");
            var rootfs = source.Config.GetValueOrDefault("rootfs", "");
            var volume = rootfs.Split(',')[0];
            var storage = _storages.GetValueOrDefault(volume.Split(':')[0]);
            if (!full && (storage is null || !LinkedCloneTypes.Contains(storage.Type) || storage.RefusesLinkedClones))
                throw new PveError(500, $"Linked clone feature for '{volume}' is not available");
            var clone = new SimContainer(newId, node);
            foreach (var (key, value) in source.Config.Where(c => c.Key is not ("template" or "lock" or "description" or "hostname"))) clone.Config[key] = value;
            foreach (var net in clone.Config.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)).ToList())
                clone.Config[net] = string.Join(',', clone.Config[net].Split(',').Where(kv => !kv.StartsWith("hwaddr=", StringComparison.Ordinal)))
                    + $",hwaddr=BC:24:11:{newId >> 16 & 0xff:X2}:{newId >> 8 & 0xff:X2}:{newId & 0xff:X2}";
            var size = rootfs.Split(',').FirstOrDefault(k => k.StartsWith("size=", StringComparison.Ordinal)) ?? "size=4G";
            clone.Config["rootfs"] = full
                ? $"{storage?.Name ?? "local"}:vm-{newId}-disk-0,{size}"
                : $"{volume}/vm-{newId}-disk-0,{size}";
            if (p.TryGetValue("hostname", out var hostname)) clone.Config["hostname"] = hostname;
            if (p.TryGetValue("description", out var description)) clone.Config["description"] = description;
            if (!full) clone.LinkedFrom = source.Vmid;
            source.Lock = "disk";
            clone.Lock = "create";
            _containers[newId] = clone;
            var upid = StartTask(node, "vzclone", vmid, user, CloneDuration, [$"create {(full ? "full" : "linked")} clone of mount point rootfs ({volume})"], task =>
            {
                source.Lock = null;
                clone.Lock = null;
                _cloneTargets.Remove(task.Upid);
                return null;
            });
            _cloneTargets[upid] = newId;
            return upid;
        }
    }

    public object ResizeContainer(string node, string vmid, IReadOnlyDictionary<string, string> p, string user)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            if (ct.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            if (p["disk"] != "rootfs") throw new PveError(500, $"unable to parse config line: {p["disk"]}");
            var parts = ct.Config["rootfs"].Split(',').ToList();
            var current = int.Parse(parts.First(k => k.StartsWith("size=", StringComparison.Ordinal))[5..].TrimEnd('G'), CultureInfo.InvariantCulture);
            var text = p["size"];
            var wanted = text.StartsWith('+') ? current + int.Parse(text[1..].TrimEnd('G'), CultureInfo.InvariantCulture)
                : int.Parse(text.TrimEnd('G'), CultureInfo.InvariantCulture);
            if (wanted < current) throw new PveError(500, "unable to shrink disk size");
            ct.Lock = "disk";
            return StartTask(node, "resize", vmid, user, ShortTaskDuration, [$"resize rootfs to {wanted}G"], _ =>
            {
                ct.Lock = null;
                ct.Config["rootfs"] = string.Join(',', parts.Select(k => k.StartsWith("size=", StringComparison.Ordinal) ? $"size={wanted}G" : k));
                return null;
            });
        }
    }

    public object TaskList(string node, IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var source = p.GetValueOrDefault("source", "archive");
            return _tasks.Values
                .Where(t => t.Member == node)
                .Where(t => !p.TryGetValue("vmid", out var vmid) || t.Id == vmid)
                .Where(t => !p.TryGetValue("typefilter", out var type) || t.Type == type)
                .Where(t => source == "all" || (source == "active") == (t.Status == "running"))
                .OrderByDescending(t => t.Started)
                .Select(t =>
                {
                    var parts = t.Upid.Split(':');
                    var row = new Dictionary<string, object?>
                    {
                        ["upid"] = t.Upid, ["node"] = t.Member, ["pid"] = Convert.ToInt32(parts[2], 16), ["pstart"] = Convert.ToInt64(parts[3], 16),
                        ["starttime"] = Convert.ToInt64(parts[4], 16), ["type"] = t.Type, ["id"] = t.Id, ["user"] = parts[7],
                    };
                    if (t.Status == "stopped")
                    {
                        row["status"] = t.ExitStatus;
                        row["endtime"] = (t.Ended ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
                    }
                    return row;
                })
                .ToList();
        }
    }

    /// <summary>CT templates and the linked clones of each.</summary>
    public IReadOnlyList<SimContainer> Templates() { lock (_gate) return _containers.Values.Where(c => c.IsTemplate).OrderBy(c => c.Vmid).ToList(); }

    /// <summary>A destroy task of a template whose base volume linked clones still use fails, as vdisk_free does.</summary>
    private string? RefuseBaseInUse(SimContainer ct)
    {
        var clone = _containers.Values.FirstOrDefault(c => c.LinkedFrom == ct.Vmid);
        return clone is null ? null
            : $"base volume '{ct.Config.GetValueOrDefault("rootfs", "").Split(',')[0]}' is still in use by linked cloned volume '{clone.Config.GetValueOrDefault("rootfs", "").Split(',')[0]}'";
    }
}
