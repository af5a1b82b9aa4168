using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

public sealed class SimMember(string name)
{
    public string Name { get; } = name;
    public bool Online { get; set; } = true;
    public long MaxMem { get; set; } = 64L << 30;
    public HashSet<string> Bridges { get; } = ["vmbr0"];
}

/// <param name="Type">Storage plugin (<c>plugintype</c> in /cluster/resources): linked clones of containers need lvmthin, zfspool, rbd or btrfs.</param>
public sealed record SimStorage(string Name, string[] Content, bool Shared, string Type = "dir")
{
    /// <summary>Refuses linked clones although its type would allow them (e.g. a base volume format the plugin cannot clone).</summary>
    public bool RefusesLinkedClones { get; init; }

    /// <summary>member → (volid → size); a shared storage uses the key "*".</summary>
    public Dictionary<string, Dictionary<string, long>> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> FilesOn(string member)
    {
        var key = Shared ? "*" : member;
        if (!Files.TryGetValue(key, out var files)) Files[key] = files = new(StringComparer.Ordinal);
        return files;
    }
}

public sealed class SimContainer(int vmid, string member)
{
    public int Vmid { get; } = vmid;
    public string Member { get; set; } = member;
    public string Status { get; set; } = "stopped";
    public SortedDictionary<string, string> Config { get; } = new(StringComparer.Ordinal);
    public string? Lock { get => Config.GetValueOrDefault("lock"); set { if (value is null) Config.Remove("lock"); else Config["lock"] = value; } }

    /// <summary>A Proxmox CT template (<c>template: 1</c>).</summary>
    public bool IsTemplate => Config.GetValueOrDefault("template") == "1";

    /// <summary>The CT template this CT is a linked clone of (its root disk uses the template's base volume).</summary>
    public int? LinkedFrom { get; set; }

#pragma warning disable CA5350 // Proxmox's config digest is SHA-1 by its definition; an optimistic-lock token, not a protection.
    public string Digest => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Config.Where(c => c.Key != "lock").Select(c => c.Key + ": " + c.Value)))));
#pragma warning restore CA5350
}

public sealed class SimTask(string upid, string member, string type, string id, DateTimeOffset due)
{
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? Ended { get; set; }
    public string Upid { get; } = upid;
    public string Member { get; } = member;
    public string Type { get; } = type;
    public string Id { get; } = id;
    public DateTimeOffset Due { get; } = due;
    public string Status { get; set; } = "running";
    public string? ExitStatus { get; set; }
    public List<string> Log { get; } = [];
}
