using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Targets.Caching;

/// <summary>
/// sha256 of files, remembered by (size, modification time) in a small persistent table so that large outputs
/// (candidates) are not re-read on every run. A change of size or mtime always re-hashes. An entry taken less than
/// <see cref="RacyWindow"/> after the file's modification is not trusted (the file may have changed again within
/// the same timestamp tick) and is hashed again on its next use. The table is plain text, one file per line
/// (<c>size mtime-ticks hashed-ticks sha256 path</c>), so that loading it needs no serializer.
/// </summary>
internal sealed class FileHasher(string? statePath)
{
    internal sealed record Entry(long Size, long MTimeTicks, long HashedTicks, string Sha256);

    internal static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = Load(statePath);
    private bool _dirty;

    public string Hash(string path)
    {
        var info = new FileInfo(path);
        var full = info.FullName;
        var mtime = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(full, out var e) && e.Size == info.Length && e.MTimeTicks == mtime && e.HashedTicks - mtime >= RacyWindow.Ticks)
            return e.Sha256;
        var hashedAt = DateTime.UtcNow.Ticks;
        string sha;
        using (var stream = File.OpenRead(full))
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        _entries[full] = new Entry(info.Length, mtime, hashedAt, sha);
        _dirty = true;
        return sha;
    }

    public void Save()
    {
        if (!_dirty || statePath is null) return;
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        var sb = new StringBuilder();
        foreach (var (path, e) in _entries.Where(kv => File.Exists(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"{e.Size} {e.MTimeTicks} {e.HashedTicks} {e.Sha256} {path}\n");
        AtomicFile.WriteAllText(statePath, sb.ToString());
        _dirty = false;
    }

    /// <summary>A missing, truncated or foreign line is skipped: the file is hashed again, never trusted.</summary>
    private static ConcurrentDictionary<string, Entry> Load(string? path)
    {
        var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        if (path is null || !File.Exists(path)) return entries;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', 5);
            if (parts.Length == 5 && parts[3].Length == 64 && parts[4].Length > 0
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mtime)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var hashed))
                entries[parts[4]] = new Entry(size, mtime, hashed, parts[3]);
        }

        return entries;
    }
}
