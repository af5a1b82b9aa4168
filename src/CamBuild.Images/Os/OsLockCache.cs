using CamBuild.Common.Caching;

namespace CamBuild.Images.Os;

/// <summary>
/// OS locks in the machine cache (<c>&lt;cache&gt;/os-locks/&lt;key&gt;/os-lock.json</c> and its <c>sha256</c>), keyed by
/// what was asked for (suite, architecture, packages, variant, mirrors): a fresh clone takes the lock another clone on
/// this machine resolved instead of resolving it online again with mmdebstrap, so both bake the same candidate.
/// <c>--relock-os</c> resolves it again and replaces the entry.
/// </summary>
public static class OsLockCache
{
    public const string RecipeVersion = "os-lock/1";

    public static string KeyOf(OsLockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Hashing.KeyOf(new
        {
            RecipeVersion, request.Suite, request.Architecture, request.Variant,
            Include = request.Include.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList(),
            Sources = request.Sources ?? HostAptSources.ForSuite(request.Suite),
        });
    }

    /// <summary>The cached lock for the request, or a new one resolved online (then cached); <paramref name="relock"/> always resolves.</summary>
    public static async Task<(OsLock Lock, bool CacheHit)> EnsureAsync(OsLockRequest request, string cacheDir, DebStore debs, bool relock,
        Action<string>? progress, CancellationToken cancellationToken)
    {
        var key = KeyOf(request);
        var entry = Path.Combine(cacheDir, "os-locks", key);
        if (!relock && TryRead(entry, key, progress) is { } cached) return (cached, true);
        // Two fresh clones at once: one resolves, the other waits and takes its lock.
        using var entryLock = await MachineCache.LockEntryAsync(cacheDir, "os-lock-" + key, cancellationToken).ConfigureAwait(false);
        if (!relock && TryRead(entry, key, progress) is { } other) return (other, true);
        // A new lock: resolved, downloaded and its base built in one mmdebstrap pass (the base lands in the same cache).
        var (created, _) = await BaseImage.CreateWithLockAsync(request, cacheDir, debs, progress, cancellationToken).ConfigureAwait(false);
        Store(entry, created, replace: true);
        return (created, false);
    }

    /// <summary>Puts a lock this clone already had into the cache (when the cache has none for its request), for the next fresh clone.</summary>
    public static void Remember(OsLockRequest request, OsLock osLock, string cacheDir)
    {
        ArgumentNullException.ThrowIfNull(osLock);
        var entry = Path.Combine(cacheDir, "os-locks", KeyOf(request));
        if (!Directory.Exists(entry)) Store(entry, osLock, replace: false);
    }

    private static OsLock? TryRead(string entry, string key, Action<string>? progress)
    {
        var file = Path.Combine(entry, "os-lock.json");
        var recorded = Path.Combine(entry, "sha256");
        if (!File.Exists(file) || !File.Exists(recorded)) return null;
        var actual = Sha256.OfFile(file).Hex;
        if (actual != File.ReadAllText(recorded).Trim())
        {
            progress?.Invoke($"OS lock {key[..12]}: cached entry {entry} is damaged (sha256 {actual}); resolving again");
            MachineCache.SetAside(entry);
            return null;
        }
        MachineCache.Touch(entry);
        var osLock = OsLock.Load(file);
        progress?.Invoke($"OS lock {key[..12]}: machine cache hit ({entry}, {osLock.Packages.Count} packages)");
        return osLock;
    }

    private static void Store(string entry, OsLock osLock, bool replace)
    {
        var parent = Directory.CreateDirectory(Path.GetDirectoryName(entry)!).FullName;
        var temp = Path.Combine(parent, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var json = osLock.ToJson();
            AtomicFile.WriteAllText(Path.Combine(temp, "os-lock.json"), json);
            AtomicFile.WriteAllText(Path.Combine(temp, "sha256"), Sha256.OfText(json).Hex + "\n");
            // Only the shared use lock is held: the old entry is set aside, collection removes it under the exclusive lock.
            if (replace && Directory.Exists(entry)) MachineCache.SetAside(entry);
            AtomicFile.PublishDirectory(temp, entry);
        }
        finally
        {
            AtomicFile.DeleteTree(temp);
        }
    }
}
