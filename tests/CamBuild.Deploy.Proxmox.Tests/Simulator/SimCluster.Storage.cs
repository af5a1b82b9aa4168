using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

public sealed partial class SimCluster
{
    public object StorageContent(string node, string storageName, string? content)
    {
        lock (_gate)
        {
            var storage = RequireStorage(storageName);
            return storage.FilesOn(node)
                .Where(f => content is null || f.Key.Contains(":" + content + "/", StringComparison.Ordinal))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new Dictionary<string, object?> { ["volid"] = f.Key, ["format"] = "tzst", ["size"] = f.Value, ["content"] = "vztmpl", ["ctime"] = 1700000000 })
                .ToList();
        }
    }

    public object Upload(string node, string storageName, IReadOnlyDictionary<string, string> p, byte[] file, string user)
    {
        lock (_gate)
        {
            var storage = RequireStorage(storageName);
            if (!storage.Content.Contains(p["content"])) throw new PveError(500, $"storage '{storageName}' does not support '{p["content"]}' content");
            var name = Regex.Replace(p["filename"], "[^a-zA-Z0-9_.-]", "_");
            if (!Regex.IsMatch(name, @"\.(tar(?!\.)|tar\.(gz|xz|zst|bz2))$", RegexOptions.IgnoreCase))
                throw PveError.Parameter("filename", "wrong file extension");
            var volid = $"{storageName}:vztmpl/{name}";
            var expected = p.GetValueOrDefault("checksum");
            var actual = Convert.ToHexStringLower(SHA256.HashData(file));
            return StartTask(node, "imgcopy", "", user, ShortTaskDuration, [$"starting file import from: /var/tmp/pveupload-{actual[..16]}", $"target file: /var/lib/vz/template/cache/{name}"],
                _ =>
                {
                    if (expected is not null && !string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
                        return $"checksum mismatch: got '{actual}' != expect '{expected}'";
                    storage.FilesOn(node)[volid] = file.LongLength;
                    return null;
                });
        }
    }

    public object DeleteContent(string node, string storageName, string volume, string user)
    {
        lock (_gate)
        {
            var storage = RequireStorage(storageName);
            var volid = volume.Contains(':', StringComparison.Ordinal) ? volume : $"{storageName}:{volume}";
            if (!storage.FilesOn(node).ContainsKey(volid)) throw new PveError(500, $"volume '{volid}' does not exist");
            return StartTask(node, "imgdel", "", user, ShortTaskDuration, [], _ =>
            {
                storage.FilesOn(node).Remove(volid);
                return null;
            });
        }
    }

    private SimStorage RequireStorage(string name) =>
        _storages.TryGetValue(name, out var storage) ? storage : throw new PveError(500, $"storage '{name}' does not exist");
}

public sealed partial class SimCluster
{
    /// <summary>Volume ids on a member's view of a storage.</summary>
    public IReadOnlyList<string> Files(string member, string storage) { lock (_gate) return _storages[storage].FilesOn(member).Keys.Order(StringComparer.Ordinal).ToList(); }
}

public sealed partial class SimCluster
{
    /// <summary>A file put on a storage by someone else.</summary>
    public void AddFile(string member, string storage, string volid, long size) { lock (_gate) _storages[storage].FilesOn(member)[volid] = size; }
}
