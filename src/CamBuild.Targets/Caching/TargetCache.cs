using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CamBuild.Targets.Caching;

/// <summary>
/// Content-addressed record of successful runs: <c>&lt;dir&gt;/&lt;Target&gt;/&lt;key&gt;.json</c> lists the outputs
/// and their hashes. The key hashes the target's input files and values and the outputs of its direct dependencies.
/// A hit needs the record and every recorded output present with the same content.
/// </summary>
internal sealed class TargetCache(string root, string directory, FileHasher hasher)
{

    public string ComputeKey(TargetSpec target, IEnumerable<TargetSpec> dependencies)
    {
        var sb = new StringBuilder().Append("target\0").Append(target.Name).Append('\n');
        foreach (var (path, sha) in HashGlobs(target.Cache.ExpandInputGlobs()))
            sb.Append("in\0").Append(path).Append('\0').Append(sha).Append('\n');
        foreach (var (name, value) in target.Cache.InputValues)
            sb.Append("val\0").Append(name).Append('\0').Append(Sha(value() ?? "\u0000null")).Append('\n');
        foreach (var dep in dependencies.Where(d => d.Cache.HasOutputs))
            foreach (var (path, sha) in HashPaths(dep.Cache.ExpandOutputs(root)))
                sb.Append("up\0").Append(dep.Name).Append('\0').Append(path).Append('\0').Append(sha).Append('\n');
        hasher.Save();
        return Sha(sb.ToString());
    }

    public bool IsHit(TargetSpec target, string key)
    {
        var path = RecordPath(target.Name, key);
        if (!File.Exists(path)) return false;
        CacheRecord? record;
        try { record = JsonSerializer.Deserialize(File.ReadAllText(path), CacheJson.Default.CacheRecord); }
        catch (JsonException) { return false; }
        if (record is null || record.Key != key) return false;
        var intact = record.Outputs.All(o => File.Exists(Path.Combine(root, o.Key)) && hasher.Hash(Path.Combine(root, o.Key)) == o.Value);
        hasher.Save();
        return intact;
    }

    public void Record(TargetSpec target, string key)
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, sha) in HashPaths(target.Cache.ExpandOutputs(root))) outputs[path] = sha;
        hasher.Save();
        AtomicFile.WriteAllText(RecordPath(target.Name, key), JsonSerializer.Serialize(new CacheRecord(target.Name, key, outputs), CacheJson.Default.CacheRecord));
    }

    private IEnumerable<(string Path, string Sha)> HashGlobs(IEnumerable<string> globs) =>
        HashPaths(globs.SelectMany(g => Glob.Expand(root, g)));

    private IEnumerable<(string Path, string Sha)> HashPaths(IEnumerable<string> paths) =>
        paths.Distinct().Order(StringComparer.Ordinal).Select(p => (p, hasher.Hash(Path.Combine(root, p))));

    private string RecordPath(string target, string key) => Path.Combine(directory, target, key + ".json");

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
