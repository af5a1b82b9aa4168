using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

public sealed partial class SimCluster
{
    public static object Version() =>
        new Dictionary<string, object?> { ["version"] = "9.1.3", ["release"] = "9.1", ["repoid"] = "e5010dce" };

    public object Resources(string? type)
    {
        lock (_gate)
        {
            var rows = new List<Dictionary<string, object?>>();
            if (type is null or "node")
                rows.AddRange(_members.Values.Select(m => new Dictionary<string, object?>
                {
                    ["id"] = "node/" + m.Name, ["type"] = "node", ["node"] = m.Name, ["status"] = m.Online ? "online" : "offline",
                    ["maxmem"] = m.MaxMem, ["mem"] = _containers.Values.Where(c => c.Member == m.Name).Sum(c => long.Parse(c.Config.GetValueOrDefault("memory", "0"), CultureInfo.InvariantCulture) << 20),
                    ["maxcpu"] = 16, ["cpu"] = 0.02, ["uptime"] = 86400,
                }));
            if (type is null or "storage")
                foreach (var m in _members.Values)
                    rows.AddRange(_storages.Values.Select(s => new Dictionary<string, object?>
                    {
                        ["id"] = $"storage/{m.Name}/{s.Name}", ["type"] = "storage", ["node"] = m.Name, ["storage"] = s.Name,
                        ["status"] = m.Online ? "available" : "unknown", ["content"] = string.Join(',', s.Content), ["shared"] = s.Shared ? 1 : 0,
                        ["plugintype"] = s.Type,
                    }));
            if (type is null or "vm")
                rows.AddRange(_containers.Values.OrderBy(c => c.Vmid).Select(c =>
                {
                    // vmid, node, tags and lock come from pmxcfs (current); name and status from pvestatd (may lag).
                    var (name, status) = StatsOf(c);
                    var row = new Dictionary<string, object?>
                    {
                        ["id"] = $"lxc/{c.Vmid}", ["type"] = "lxc", ["vmid"] = c.Vmid, ["node"] = c.Member,
                        ["status"] = _members[c.Member].Online ? status : "unknown", ["template"] = c.Config.GetValueOrDefault("template") == "1" ? 1 : 0,
                        ["maxmem"] = long.Parse(c.Config.GetValueOrDefault("memory", "512"), CultureInfo.InvariantCulture) << 20,
                    };
                    if (name is not null) row["name"] = name;
                    if (c.Config.TryGetValue("tags", out var tags)) row["tags"] = tags;
                    if (c.Lock is { } l) row["lock"] = l;
                    return row;
                }));
            return rows;
        }
    }

    /// <summary>
    /// pvestatd-style lag of <c>/cluster/resources</c>: when set, a container's <c>name</c> and <c>status</c> there are
    /// those of the last statistics cycle (every <see cref="ResourceLag"/> per member); a container created since shows
    /// <c>status: unknown</c> without a name. Null (default): always current.
    /// </summary>
    public TimeSpan? ResourceLag
    {
        get { lock (_gate) return _resourceLag; }
        set
        {
            lock (_gate)
            {
                _resourceLag = value;
                _statsCycle = DateTimeOffset.UtcNow;
                RefreshStatsLocked();
            }
        }
    }

    private TimeSpan? _resourceLag;
    private DateTimeOffset _statsCycle;
    private readonly Dictionary<int, (string? Name, string Status)> _stats = [];

    /// <summary>Runs one pvestatd cycle now (all members).</summary>
    public void RefreshStats() { lock (_gate) { _statsCycle = DateTimeOffset.UtcNow; RefreshStatsLocked(); } }

    private void RefreshStatsLocked()
    {
        _stats.Clear();
        foreach (var c in _containers.Values) _stats[c.Vmid] = (c.Config.GetValueOrDefault("hostname", $"CT{c.Vmid}"), c.Status);
    }

    private (string? Name, string Status) StatsOf(SimContainer c)
    {
        if (_resourceLag is not { } lag) return (c.Config.GetValueOrDefault("hostname", $"CT{c.Vmid}"), c.Status);
        if (DateTimeOffset.UtcNow - _statsCycle >= lag)
        {
            _statsCycle = DateTimeOffset.UtcNow;
            RefreshStatsLocked();
        }
        return _stats.TryGetValue(c.Vmid, out var seen) ? seen : (null, "unknown");
    }

    /// <summary>The next answers of nextid name an id already in use, as an eventually consistent cluster can.</summary>
    public int StaleNextIdAnswers { get; set; }

    public object Members()
    {
        lock (_gate)
            return _members.Values.Select(m => new Dictionary<string, object?> { ["node"] = m.Name, ["status"] = m.Online ? "online" : "offline", ["maxmem"] = m.MaxMem }).ToList();
    }

    /// <summary>Lowest free id from 100, as a JSON string; with <c>vmid</c> asserts that id is free.</summary>
    public object NextId(string? probe)
    {
        lock (_gate)
        {
            if (probe is not null)
            {
                var wanted = int.Parse(probe, CultureInfo.InvariantCulture);
                if (_containers.ContainsKey(wanted)) throw PveError.Parameter("vmid", $"VM {wanted} already exists");
                return probe;
            }
            if (StaleNextIdAnswers > 0 && _containers.Count > 0)
            {
                StaleNextIdAnswers--;
                return _containers.Keys.Min().ToString(CultureInfo.InvariantCulture);
            }
            var id = 100;
            while (_containers.ContainsKey(id)) id++;
            return id.ToString(CultureInfo.InvariantCulture);
        }
    }

    public object TaskStatusOf(string node, string upid)
    {
        lock (_gate)
        {
            var task = FindTask(node, upid);
            var parts = upid.Split(':');
            var status = new Dictionary<string, object?>
            {
                ["upid"] = upid, ["node"] = task.Member, ["pid"] = Convert.ToInt32(parts[2], 16), ["pstart"] = Convert.ToInt64(parts[3], 16),
                ["starttime"] = Convert.ToInt64(parts[4], 16), ["type"] = task.Type, ["id"] = task.Id, ["user"] = parts[7], ["status"] = task.Status,
            };
            if (task.ExitStatus is not null) status["exitstatus"] = task.ExitStatus;
            return status;
        }
    }

    public (object Data, long Total) TaskLog(string node, string upid, int start, int limit)
    {
        lock (_gate)
        {
            var task = FindTask(node, upid);
            var lines = task.Log.Count == 0 ? ["no content"] : task.Log;
            var selected = lines.Select((t, i) => new Dictionary<string, object?> { ["n"] = i + 1, ["t"] = t }).Skip(start);
            if (limit > 0) selected = selected.Take(limit);
            return (selected.ToList(), lines.Count);
        }
    }

    private SimTask FindTask(string node, string upid)
    {
        if (!UpidPattern().IsMatch(upid)) throw PveError.Parameter("upid", "unable to parse worker upid");
        if (!_tasks.TryGetValue(upid, out var task) || task.Member != node) throw PveError.Parameter("upid", "no such task");
        return task;
    }

    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$")]
    private static partial Regex UpidPattern();
}
