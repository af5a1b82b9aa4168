using System.Globalization;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

public sealed partial class SimCluster
{
    private static readonly string[] CreateOnly = ["node", "vmid", "ostemplate", "storage", "start", "restore", "force", "unique", "pool",
        "password", "ssh-public-keys", "ignore-unpack-errors", "bwlimit", "ha-managed"];

    public object CreateContainer(string node, IReadOnlyDictionary<string, string> p, string user)
    {
        lock (_gate)
        {
            var vmid = int.Parse(p["vmid"], CultureInfo.InvariantCulture);
            if (_containers.TryGetValue(vmid, out var taken))
                throw new PveError(500, $"CT {vmid} already exists on node '{taken.Member}'");
            var template = p["ostemplate"];
            var colon = template.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !_storages.TryGetValue(template[..colon], out var templateStorage) || !templateStorage.FilesOn(node).ContainsKey(template))
                throw new PveError(500, $"volume '{template}' does not exist");
            if (!template[colon..].StartsWith(":vztmpl/", StringComparison.Ordinal))
                throw new PveError(500, $"unable to use volume {template} - content type needs to be 'vztmpl'");
            var rootfs = p.GetValueOrDefault("rootfs") ?? $"{p.GetValueOrDefault("storage", "local")}:4";
            var volume = rootfs.Split(',')[0];
            var rootStorage = volume.Split(':')[0];
            if (!_storages.TryGetValue(rootStorage, out var storage) || !storage.Content.Contains("rootdir"))
                throw PveError.Parameter("storage", $"storage '{rootStorage}' does not support container directories");
            var ct = new SimContainer(vmid, node);
            foreach (var (key, value) in p.Where(kv => !CreateOnly.Contains(kv.Key))) ct.Config[key] = value;
            ct.Config["arch"] = "amd64";
            ct.Config["ostype"] = "debian";
            ct.Config["rootfs"] = $"{rootStorage}:vm-{vmid}-disk-0,size={volume.Split(':')[1]}G";
            if (ct.Config.TryGetValue("tags", out var tags)) ct.Config["tags"] = NormalizeTags(tags);
            foreach (var net in ct.Config.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)).ToList())
                ct.Config[net] += $",hwaddr=BC:24:11:{vmid >> 16 & 0xff:X2}:{vmid >> 8 & 0xff:X2}:{vmid & 0xff:X2},type=veth";
            ct.Lock = "create";
            _containers[vmid] = ct;
            var start = p.GetValueOrDefault("start") is "1";
            return StartTask(node, "vzcreate", p["vmid"], user, CreateDuration,
                [$"extracting archive '/var/lib/vz/template/cache/{template[(colon + 8)..]}'", "Total bytes read: 52428800 (50MiB, 120MiB/s)",
                 "Detected container architecture: amd64", "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ..."],
                _ =>
                {
                    ct.Lock = null;
                    if (start) ct.Status = "running";
                    return null;
                });
        }
    }

    public object ContainerStatus(string node, string vmid)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            var status = new Dictionary<string, object?>
            {
                ["vmid"] = ct.Vmid, ["status"] = ct.Status, ["name"] = ct.Config.GetValueOrDefault("hostname", $"CT{ct.Vmid}"),
                ["ha"] = new Dictionary<string, object?> { ["managed"] = 0 }, ["cpus"] = 1, ["uptime"] = ct.Status == "running" ? 10 : 0,
            };
            if (ct.Lock is { } l) status["lock"] = l;
            if (ct.IsTemplate) status["template"] = 1;
            if (ct.Config.TryGetValue("tags", out var tags)) status["tags"] = tags;
            return status;
        }
    }

    public object PowerAction(string node, string vmid, string action, string user)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            if (ct.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            if (action == "start")
            {
                if (ct.IsTemplate) throw new PveError(500, "you can't start a CT if it's a template");
                if (ct.Status == "running") throw new PveError(500, $"CT {vmid} already running");
                var bridge = ct.Config.GetValueOrDefault("net0", "").Split(',').FirstOrDefault(k => k.StartsWith("bridge=", StringComparison.Ordinal))?[7..];
                return StartTask(node, "vzstart", vmid, user, ShortTaskDuration, [], _ =>
                {
                    if (bridge is not null && !_members[node].Bridges.Contains(bridge))
                        return $"startup for container '{vmid}' failed: bridge '{bridge}' does not exist";
                    ct.Status = "running";
                    return null;
                });
            }
            if (ct.Status != "running") throw new PveError(500, $"CT {vmid} not running");
            return StartTask(node, action == "stop" ? "vzstop" : "vzshutdown", vmid, user, ShortTaskDuration, [], _ =>
            {
                ct.Status = "stopped";
                OnStopped(ct.Vmid);
                return null;
            });
        }
    }

    public object DeleteContainer(string node, string vmid, IReadOnlyDictionary<string, string> p, string user)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            if (ct.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            if (ct.Status == "running" && p.GetValueOrDefault("force") is not "1")
                throw new PveError(500, $"unable to destroy CT {vmid} - container is running");
            ct.Lock = "destroyed";
            return StartTask(node, "vzdestroy", vmid, user, ShortTaskDuration, [$"purging CT {vmid} from related configurations.."], _ =>
            {
                if (RefuseBaseInUse(ct) is { } refused)
                {
                    ct.Lock = null;
                    return refused;
                }
                _containers.Remove(ct.Vmid);
                ContainerRemoved?.Invoke(ct.Vmid);
                return null;
            });
        }
    }

    public object GetConfig(string node, string vmid)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            var config = ct.Config.ToDictionary(c => c.Key, object? (c) => IsNumeric(c.Key) ? long.Parse(c.Value, CultureInfo.InvariantCulture) : c.Value);
            config["digest"] = ct.Digest;
            return config;
        }
    }

    public object? PutConfig(string node, string vmid, IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var ct = RequireContainer(node, vmid);
            if (ct.Lock is { } l) throw new PveError(500, $"CT is locked ({l})");
            if (p.TryGetValue("digest", out var digest) && digest != ct.Digest)
                throw new PveError(500, "detected modified configuration - file changed by other user? Try again.");
            var changes = p.Where(kv => kv.Key is not ("node" or "vmid" or "digest" or "delete" or "revert")).ToList();
            var deletes = p.GetValueOrDefault("delete")?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (changes.Count == 0 && deletes.Length == 0) throw new PveError(500, "no options specified");
            foreach (var key in deletes) ct.Config.Remove(key);
            foreach (var (key, value) in changes) ct.Config[key] = key == "tags" ? NormalizeTags(value) : value;
            return null;
        }
    }

    private static bool IsNumeric(string key) => key is "cores" or "memory" or "swap" or "unprivileged" or "template";

    private static string NormalizeTags(string tags) =>
        string.Join(';', tags.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));
}
