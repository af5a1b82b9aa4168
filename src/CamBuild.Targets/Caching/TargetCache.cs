namespace CamBuild.Targets.Caching;

/// <summary>
/// Content-addressed record of successful runs: <c>&lt;dir&gt;/&lt;Target&gt;/&lt;key&gt;.json</c> lists the outputs
/// and their hashes. The key hashes the target's input files and values and the outputs of its direct dependencies.
/// A hit needs the record and every recorded output present with the same content. <c>&lt;dir&gt;/&lt;Target&gt;/latest</c>
/// names the record of the target's last run (or last hit), the one a miss is explained against.
/// </summary>
internal sealed class TargetCache(string root, string directory, FileHasher hasher)
{
    public string ComputeKey(TargetSpec target, IEnumerable<TargetSpec> dependencies) => Inputs(target, dependencies).Key;

    /// <summary>Evaluates the target's declared inputs now: files (globs expanded), values and the outputs of its direct dependencies.</summary>
    public CacheInputs Inputs(TargetSpec target, IEnumerable<TargetSpec> dependencies)
    {
        var files = HashGlobs(target.Cache.ExpandInputGlobs()).ToList();
        var values = target.Cache.InputValues.Select(v => CacheInputs.Value(v.Name, v.Value())).ToList();
        var upstream = new List<UpstreamInput>();
        foreach (var dep in dependencies.Where(d => d.Cache.HasOutputs))
            foreach (var (path, sha) in HashPaths(dep.Cache.ExpandOutputs(root)))
                upstream.Add(new UpstreamInput(dep.Name, path, sha));
        hasher.Save();
        return new CacheInputs(target.Name, files, values, upstream);
    }

    public bool IsHit(TargetSpec target, string key) => Lookup(target.Name, key) is { Intact: true };

    /// <summary>A hit also makes the hit record the one later misses are explained against.</summary>
    public bool IsHit(TargetSpec target, CacheInputs inputs)
    {
        if (!IsHit(target, inputs.Key)) return false;
        MarkLatest(target.Name, inputs.Key);
        return true;
    }

    public void Record(TargetSpec target, string key) => Write(target, key, null);

    public void Record(TargetSpec target, CacheInputs inputs) => Write(target, inputs.Key, inputs);

    /// <summary>
    /// Why <paramref name="inputs"/> is not a hit, compared with the target's last recorded run: input files added,
    /// removed or changed, values changed, upstream outputs changed, or (same key) outputs removed or altered.
    /// </summary>
    public IReadOnlyList<string> Explain(TargetSpec target, CacheInputs inputs)
    {
        var own = Lookup(target.Name, inputs.Key);
        if (own is { Intact: true }) return [];
        if (own is { Record: { } sameKey })
            return OutputChanges(sameKey).DefaultIfEmpty("the recorded outputs could not be verified").ToList();

        var latestKey = ReadLatest(target.Name);
        var latest = latestKey is null ? null : Lookup(target.Name, latestKey)?.Record;
        if (latest is null)
            return [Directory.Exists(Path.Combine(directory, target.Name))
                ? "no record of its last run to compare with (recorded by an earlier version of the build, or removed)"
                : "no recorded run (first run, or the cache was cleaned)"];
        if (latest.Files is null || latest.Values is null || latest.Upstream is null)
            return ["inputs changed since the last run (recorded by an earlier version of the build, without per-input detail)"];
        return CacheExplanation.Differences(latest, inputs);
    }

    private IEnumerable<string> OutputChanges(CacheRecord record)
    {
        foreach (var (path, sha) in record.Outputs)
        {
            var full = Path.Combine(root, path);
            if (!File.Exists(full)) yield return $"output removed since the recorded run: {path}";
            else if (hasher.Hash(full) != sha) yield return $"output changed since the recorded run: {path}";
        }

        hasher.Save();
    }

    private sealed record Found(CacheRecord? Record, bool Intact);

    /// <summary>The record of <paramref name="key"/> (null when absent) and whether every output it lists is present and unchanged.</summary>
    private Found? Lookup(string target, string key)
    {
        var path = RecordPath(target, key);
        if (!File.Exists(path)) return null;
        var record = CacheJson.Read(File.ReadAllText(path));
        if (record is null || record.Key != key) return new Found(null, false);
        var intact = record.Outputs.All(o => File.Exists(Path.Combine(root, o.Key)) && hasher.Hash(Path.Combine(root, o.Key)) == o.Value);
        hasher.Save();
        return new Found(record, intact);
    }

    private void Write(TargetSpec target, string key, CacheInputs? inputs)
    {
        var outputs = HashPaths(target.Cache.ExpandOutputs(root)).ToDictionary(o => o.Path, o => o.Sha, StringComparer.Ordinal);
        hasher.Save();
        var record = new CacheRecord(target.Name, key, outputs);
        if (inputs is not null)
        {
            record = record with
            {
                Files = inputs.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal),
                Values = inputs.Values.OrderBy(v => v.Name, StringComparer.Ordinal).ToDictionary(v => v.Name, v => new RecordedValue(v.Sha256, v.Shown), StringComparer.Ordinal),
                Upstream = inputs.Upstream.GroupBy(u => u.Target, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
                    g => g.Key, g => g.ToDictionary(u => u.Path, u => u.Sha256, StringComparer.Ordinal), StringComparer.Ordinal),
            };
        }

        AtomicFile.WriteAllText(RecordPath(target.Name, key), CacheJson.Write(record));
        MarkLatest(target.Name, key);
    }

    private void MarkLatest(string target, string key)
    {
        if (ReadLatest(target) != key) AtomicFile.WriteAllText(LatestPath(target), key + "\n");
    }

    private string? ReadLatest(string target)
    {
        var path = LatestPath(target);
        if (!File.Exists(path)) return null;
        var key = File.ReadAllText(path).Trim();
        return key.Length == 64 && key.All(char.IsAsciiHexDigitLower) ? key : null;
    }

    private IEnumerable<(string Path, string Sha)> HashGlobs(IEnumerable<string> globs) =>
        HashPaths(globs.SelectMany(g => Glob.Expand(root, g)));

    private IEnumerable<(string Path, string Sha)> HashPaths(IEnumerable<string> paths) =>
        paths.Distinct().Order(StringComparer.Ordinal).Select(p => (p, hasher.Hash(Path.Combine(root, p))));

    private string RecordPath(string target, string key) => Path.Combine(directory, target, key + ".json");

    private string LatestPath(string target) => Path.Combine(directory, target, "latest");
}
