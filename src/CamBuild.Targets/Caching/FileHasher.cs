using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace CamBuild.Targets.Caching;

/// <summary>
/// sha256 of files, remembered by (size, modification time) in a small persistent table so that large outputs
/// (candidates) are not re-read on every run. A change of size or mtime always re-hashes.
/// </summary>
internal sealed class FileHasher(string? statePath)
{
    internal sealed record Entry(long Size, long MTimeTicks, string Sha256);

    private readonly ConcurrentDictionary<string, Entry> _entries = Load(statePath);
    private bool _dirty;

    public string Hash(string path)
    {
        var info = new FileInfo(path);
        var full = info.FullName;
        if (_entries.TryGetValue(full, out var e) && e.Size == info.Length && e.MTimeTicks == info.LastWriteTimeUtc.Ticks)
            return e.Sha256;
        using var stream = File.OpenRead(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        _entries[full] = new Entry(info.Length, info.LastWriteTimeUtc.Ticks, sha);
        _dirty = true;
        return sha;
    }

    public void Save()
    {
        if (!_dirty || statePath is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        var live = _entries.Where(kv => File.Exists(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        AtomicFile.WriteAllText(statePath, JsonSerializer.Serialize(live, CacheJson.Default.DictionaryStringEntry));
        _dirty = false;
    }

    private static ConcurrentDictionary<string, Entry> Load(string? path)
    {
        if (path is null || !File.Exists(path)) return new();
        try
        {
            return new(JsonSerializer.Deserialize(File.ReadAllText(path), CacheJson.Default.DictionaryStringEntry) ?? []);
        }
        catch (JsonException)
        {
            return new();
        }
    }
}
