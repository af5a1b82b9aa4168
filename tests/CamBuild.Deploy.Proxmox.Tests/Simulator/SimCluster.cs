using System.Globalization;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>State of the simulated cluster: members, storages, containers and tasks, behind one lock.</summary>
public sealed partial class SimCluster
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SimMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimStorage> _storages = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SimContainer> _containers = [];
    private readonly Dictionary<string, SimTask> _tasks = new(StringComparer.Ordinal);
    private int _pid = 0x1000;

    public SimCluster(params string[] members)
    {
        foreach (var m in members) _members[m] = new SimMember(m);
        _storages["local"] = new SimStorage("local", ["vztmpl", "iso", "backup"], Shared: false, Type: "dir");
        _storages["local-lvm"] = new SimStorage("local-lvm", ["rootdir", "images"], Shared: false, Type: "lvmthin");
    }

    public SimFaults Faults { get; } = new();

    /// <summary>Raised (under the cluster lock) when a container's config and disks are gone.</summary>
#pragma warning disable CA1003 // Simulator hooks with the vmid as their only argument.
    public event Action<int>? ContainerRemoved;

    /// <summary>A CT stopped (stop or shutdown task finished): what runs inside it ends, its disk stays.</summary>
    public event Action<int>? ContainerStopped;
#pragma warning restore CA1003

    private void OnStopped(int vmid) => ContainerStopped?.Invoke(vmid);
    public TimeSpan CreateDuration { get; set; } = TimeSpan.FromMilliseconds(300);
    public TimeSpan ShortTaskDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan CloneDuration { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan TemplateDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    public SimMember Member(string name) { lock (_gate) return _members[name]; }

    public void AddStorage(SimStorage storage) { lock (_gate) _storages[storage.Name] = storage; }

    public IReadOnlyList<SimContainer> Containers() { lock (_gate) return _containers.Values.OrderBy(c => c.Vmid).ToList(); }

    public IReadOnlyList<SimTask> Tasks() { lock (_gate) return _tasks.Values.ToList(); }

    public bool HasFile(string member, string storage, string volid) { lock (_gate) return _storages[storage].FilesOn(member).ContainsKey(volid); }

    /// <summary>A container made by someone else (another tool or user), to provoke VMID races.</summary>
    public void AddForeignContainer(int vmid, string member, string hostname)
    {
        lock (_gate)
        {
            var ct = new SimContainer(vmid, member);
            ct.Config["hostname"] = hostname;
            _containers[vmid] = ct;
        }
    }

    /// <summary>Takes a member off the network: pveproxy answers 595 for calls proxied to it.</summary>
    public void TakeOffline(string member) { lock (_gate) _members[member].Online = false; }

    internal SimMember RequireReachable(string node)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(node, out var member))
                throw new PveError(500, $"hostname lookup '{node}' failed - failed to get address info for: {node}: Name or service not known");
            if (!member.Online) throw new PveError(595, "Errors during connection establishment, proxy handshake: No route to host");
            return member;
        }
    }

    private SimContainer RequireContainer(string node, string vmidText)
    {
        var vmid = int.Parse(vmidText, CultureInfo.InvariantCulture);
        if (!_containers.TryGetValue(vmid, out var ct) || ct.Member != node)
            throw new PveError(500, $"Configuration file 'nodes/{node}/lxc/{vmid}.conf' does not exist");
        return ct;
    }

    /// <summary>Starts a worker: running now, finished after <paramref name="duration"/> with <paramref name="complete"/> applied.</summary>
    private string StartTask(string member, string type, string id, string user, TimeSpan duration, List<string> log, Func<SimTask, string?> complete)
    {
        var now = DateTimeOffset.UtcNow;
        var pid = ++_pid;
        var upid = string.Create(CultureInfo.InvariantCulture, $"UPID:{member}:{pid:X8}:{pid * 7:X8}:{now.ToUnixTimeSeconds():X8}:{type}:{id}:{user}:");
        var task = new SimTask(upid, member, type, id, now + duration);
        task.Log.AddRange(log);
        _tasks[upid] = task;
        var fault = Faults.TakeTaskFault(type);
        _ = FinishLaterAsync(task, duration, fault, complete);
        return upid;
    }

    private async Task FinishLaterAsync(SimTask task, TimeSpan duration, SimFaults.TaskFault? fault, Func<SimTask, string?> complete)
    {
        await Task.Delay(duration).ConfigureAwait(false);
        lock (_gate)
        {
            string? error;
            if (fault is not null && !fault.ExitStatus.StartsWith("WARNINGS", StringComparison.Ordinal))
            {
                task.Log.AddRange(fault.Log);
                error = fault.ExitStatus;
                Rollback(task);
            }
            else
            {
                error = complete(task);
                if (fault is not null) task.Log.AddRange(fault.Log);
            }
            task.ExitStatus = error ?? fault?.ExitStatus ?? "OK";
            task.Ended = DateTimeOffset.UtcNow;
            task.Log.Add(error is not null ? "TASK ERROR: " + error : task.ExitStatus == "OK" ? "TASK OK" : "TASK " + task.ExitStatus);
            task.Status = "stopped";
        }
    }

    /// <summary>What Proxmox undoes when a worker dies: a failed create removes the half-made CT.</summary>
    private void Rollback(SimTask task)
    {
        if (task.Type is "vzcreate" or "vzclone" && int.TryParse(task.Id, out var vmid))
        {
            // Proxmox names a clone's task after the source (id = source vmid); the new CT is remembered per task.
            if (task.Type == "vzclone" && _cloneTargets.Remove(task.Upid, out var target))
            {
                if (_containers.TryGetValue(vmid, out var source)) source.Lock = null;
                if (_containers.Remove(target)) ContainerRemoved?.Invoke(target);
            }
            else if (task.Type == "vzcreate" && _containers.Remove(vmid)) ContainerRemoved?.Invoke(vmid);
        }
        if (task.Type is "vzstart" or "vzstop" or "vzdestroy" or "resize" && int.TryParse(task.Id, out var id) && _containers.TryGetValue(id, out var ct)) ct.Lock = null;
    }
}
