using System.Globalization;
using System.Text.RegularExpressions;
using CamBuild.Common.Caching;
using CamBuild.Images;
using CamBuild.Images.Os;
using CamBuild.Images.Store;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Caching;

/// <summary>
/// Collection of the machine cache: the inventory of its entries, what the candidates of every registered clone and
/// their current locks still need, and the removal of the least recently used rest (<see cref="CollectionPlanner"/>)
/// while no build uses the cache (the use lock held exclusively).
/// </summary>
public static partial class MachineCacheCollector
{
    /// <summary>The kinds of entries: folder of the machine cache, and whether each entry is a directory.</summary>
    private static readonly (string Folder, bool Nested)[] Kinds =
    [
        ("images/base", false), ("images/stages", true), ("images/debs", false), ("images/inputs", false),
        ("images/interpreter", false), ("images/os-locks", false), ("wheels/by-sha256", false),
    ];

    /// <summary>Every entry of the cache (id = path relative to its root) and the temporary leftovers of killed builds.</summary>
    public static (IReadOnlyList<CacheEntry> Entries, IReadOnlyList<string> Leftovers) Inventory(MachineCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var entries = new List<CacheEntry>();
        var leftovers = new List<string>();
        foreach (var (folder, nested) in Kinds)
        {
            var dir = Path.Combine(cache.Root, folder);
            if (!Directory.Exists(dir)) continue;
            var parents = nested ? Directory.GetDirectories(dir).Where(d => !MachineCache.IsTemporary(Path.GetFileName(d))) : [dir];
            foreach (var parent in parents)
            {
                foreach (var path in Directory.EnumerateFileSystemEntries(parent))
                {
                    if (MachineCache.IsTemporary(Path.GetFileName(path)))
                    {
                        leftovers.Add(path);
                        continue;
                    }
                    var isDirectory = Directory.Exists(path);
                    var used = isDirectory ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path);
                    // A sealed directory (base, stage) carries its size from when it was sealed: no walk of its tree.
                    var bytes = (isDirectory ? MachineCache.RecordedSize(path) : null) ?? MachineCache.SizeOf(path);
                    entries.Add(new CacheEntry(Path.GetRelativePath(cache.Root, path).Replace('\\', '/'), bytes,
                        new DateTimeOffset(used, TimeSpan.Zero)));
                }
            }
        }
        return (entries, leftovers);
    }

    /// <summary>
    /// The ids of the entries something still needs: for every candidate in the store of a registered clone (releases
    /// and deployed environments name candidates of that store) its base and stages, its debs, its bake inputs and
    /// wheels; for every clone's current OS lock and requirement locks their debs and wheels.
    /// </summary>
    public static IReadOnlySet<string> Needed(MachineCache cache, IEnumerable<string> artifactDirectories, IReadOnlyList<CacheEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(entries);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var bases = new HashSet<string>(StringComparer.Ordinal);
        var lockHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifacts in artifactDirectories.Distinct(StringComparer.Ordinal))
        {
            var candidates = Path.Combine(artifacts, "candidates");
            if (Directory.Exists(candidates))
            {
                foreach (var manifestPath in Directory.GetDirectories(candidates).Select(d => Path.Combine(d, "manifest.json")).Where(File.Exists))
                {
                    CandidateManifest manifest;
                    try
                    {
                        manifest = CandidateManifest.Load(manifestPath);
                    }
                    catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException or ImageBuildException)
                    {
                        throw new ImageBuildException($"machine cache collection stopped: {manifestPath} cannot be read ({e.Message}), so what its candidate needs is unknown. Repair or remove that candidate, then run ./build.sh Gc again.", e);
                    }
                    // A manifest without recorded stages or inputs (written by hand or by a test) needs nothing here.
                    foreach (var stage in manifest.Stages ?? [])
                    {
                        if (stage.Stage == "base")
                        {
                            needed.Add("images/base/" + stage.Key);
                            bases.Add(stage.Key);
                        }
                        else needed.Add($"images/stages/{stage.Stage}/{stage.Key}");
                    }
                    if (manifest.Inputs is not { } inputs) continue;
                    if (inputs.OsLock is not null) AddDebs(needed, inputs.OsLock);
                    foreach (var environment in inputs.Environments ?? [])
                    {
                        needed.Add("images/inputs/" + environment.LockSha256);
                        foreach (var wheel in environment.Wheels ?? [])
                        {
                            needed.Add("images/inputs/" + wheel.Sha256);
                            needed.Add("wheels/by-sha256/" + wheel.Sha256);
                        }
                    }
                    foreach (var file in inputs.ConfigFiles ?? []) needed.Add("images/inputs/" + file.Sha256);
                }
            }

            var osLock = Path.Combine(artifacts, "locks", "os-lock.json");
            if (File.Exists(osLock))
            {
                AddDebs(needed, OsLock.Load(osLock));
                lockHashes.Add(Sha256.OfText(OsLock.Load(osLock).ToJson()).Hex);
            }
            var locks = Path.Combine(artifacts, "locks");
            if (Directory.Exists(locks))
            {
                foreach (var requirements in Directory.EnumerateFiles(locks, "requirements.txt", SearchOption.AllDirectories))
                    foreach (Match match in HashPin().Matches(File.ReadAllText(requirements)))
                        needed.Add("wheels/by-sha256/" + match.Groups[1].Value);
            }
        }
        // The probe of a needed base's interpreter is named after the base.
        foreach (var entry in entries.Where(e => e.Id.StartsWith("images/interpreter/", StringComparison.Ordinal)))
        {
            var name = entry.Id["images/interpreter/".Length..];
            if (bases.Any(b => name.StartsWith(b, StringComparison.Ordinal))) needed.Add(entry.Id);
        }
        // A cached OS lock that a clone uses now (same content) stays, so that the next fresh clone resolves nothing.
        foreach (var entry in entries.Where(e => e.Id.StartsWith("images/os-locks/", StringComparison.Ordinal)))
        {
            var recorded = Path.Combine(cache.Root, entry.Id, "sha256");
            if (File.Exists(recorded) && lockHashes.Contains(File.ReadAllText(recorded).Trim())) needed.Add(entry.Id);
        }
        return needed;
    }

    private static void AddDebs(HashSet<string> needed, OsLock osLock)
    {
        foreach (var package in osLock.Packages) needed.Add($"images/debs/{package.Sha256}.deb");
    }

    /// <summary>
    /// Collects the cache down to <paramref name="limit"/> bytes while no build uses it (waiting as <paramref name="wait"/>
    /// says for builds that do): removes the least recently used entries nothing needs and every leftover of a killed build.
    /// </summary>
    public static async Task<CollectionPlan> CollectAsync(MachineCache cache, string currentArtifacts, long limit, LockWait wait, IBuildLog log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(log);
        using var exclusive = await cache.CollectAsync(wait, cancellationToken).ConfigureAwait(false);
        var (entries, leftovers) = Inventory(cache);
        var clones = cache.RegisteredClones(dropMissing: true).Append(Path.GetFullPath(currentArtifacts)).ToList();
        var needed = Needed(cache, clones, entries);
        var plan = CollectionPlanner.Plan(entries, needed, limit);
        foreach (var leftover in leftovers) MachineCache.Discard(leftover);
        foreach (var entry in plan.Remove)
        {
            MachineCache.Discard(Path.Combine(cache.Root, entry.Id));
            log.Debug($"machine cache: removed {entry.Id} ({Size(entry.Bytes)}, last used {entry.LastUsed:u})");
        }
        log.Info($"machine cache {cache.Root}: {entries.Count} entries, {Size(plan.BytesBefore)}; removed {plan.Remove.Count} least recently used " +
                 $"({Size(plan.BytesBefore - plan.BytesAfter)}) and {leftovers.Count} leftovers of killed builds; {plan.KeptNeeded.Count} entries needed by the " +
                 $"candidates and locks of {clones.Count} clone(s) kept; now {Size(plan.BytesAfter)} (limit {Size(limit)})" +
                 (plan.StillOverLimit ? " - still over the limit: what is needed does not fit; raise --machine-cache-limit or remove candidates" : ""));
        return plan;
    }

    /// <summary>
    /// The automatic collection after a step that filled the cache: only when the cache is over the limit, and only if
    /// no other build uses it right now (otherwise it waits for the next build or ./build.sh Gc).
    /// </summary>
    public static async Task CollectIfOverLimitAsync(MachineCache cache, string currentArtifacts, long limit, IBuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(log);
        await RemoveSetAsideAsync(cache, log, cancellationToken).ConfigureAwait(false);
        var size = Inventory(cache).Entries.Sum(e => e.Bytes);
        if (size <= limit) return;
        log.Info($"machine cache {cache.Root} holds {Size(size)}, over its limit of {Size(limit)}: collecting");
        try
        {
            await CollectAsync(cache, currentArtifacts, limit, LockWait.NoWait, log, cancellationToken).ConfigureAwait(false);
        }
        catch (FileLockedException)
        {
            log.Warn($"machine cache {cache.Root} is over its limit but another build is using it; the next build or ./build.sh Gc collects it");
        }
    }

    private static int _setAsideRemoved;

    /// <summary>
    /// Removes the damaged entries this process set aside (<see cref="MachineCache.SetAside"/>) and other leftovers,
    /// under the exclusive use lock and only if no other build uses the cache now (otherwise the next collection does).
    /// </summary>
    public static async Task RemoveSetAsideAsync(MachineCache cache, IBuildLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(log);
        var setAside = MachineCache.SetAsideCount;
        if (setAside == Volatile.Read(ref _setAsideRemoved)) return;
        try
        {
            using var exclusive = await cache.CollectAsync(LockWait.NoWait, cancellationToken).ConfigureAwait(false);
            var leftovers = Inventory(cache).Leftovers;
            foreach (var leftover in leftovers) MachineCache.Discard(leftover);
            Volatile.Write(ref _setAsideRemoved, setAside);
            log.Debug($"machine cache: removed {leftovers.Count} damaged entries set aside and leftovers");
        }
        catch (FileLockedException)
        {
            log.Debug("machine cache: damaged entries set aside stay until the next collection (another build uses the cache)");
        }
    }

    public static string Size(long bytes) =>
        bytes >= 1L << 30 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB");

    [GeneratedRegex("--hash=sha256:([0-9a-f]{64})")]
    private static partial Regex HashPin();
}
