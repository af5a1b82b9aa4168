using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Common.Caching;

/// <summary>
/// The one content-addressed cache per machine (default <c>/var/cache/cambuild</c>), shared by every clone: debs, base
/// root filesystems, bake stages, bake inputs and wheels, each under a key that is the hash of its inputs. Entries are
/// built in a temporary sibling and renamed into place (a killed build leaves only a <c>.tmp</c> the collector
/// removes); an entry whose build two clones start at once is built by one while the other waits on the entry's lock.
/// Every build that reads or writes entries holds the shared use lock; collection takes it exclusively, so it never
/// removes an entry a running build is using.
/// </summary>
public sealed class MachineCache
{
    public const string DefaultDirectory = "/var/cache/cambuild";

    /// <summary>Overrides the default directory (the build's <c>--machine-cache-dir</c> parameter reads it too).</summary>
    public const string EnvironmentVariable = "CAMBUILD_MACHINE_CACHE_DIR";

    public const long DefaultLimitBytes = 20L << 30;

    /// <summary>How long a build waits for another clone that builds the same entry (an mmdebstrap run takes minutes).</summary>
    public static readonly LockWait EntryWait = LockWait.UpTo(TimeSpan.FromMinutes(60));

    public MachineCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary><c>$CAMBUILD_MACHINE_CACHE_DIR</c> when set, else <see cref="DefaultDirectory"/>.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultDirectory;

    public string Root { get; }

    public string Images => Path.Combine(Root, "images");

    public string Wheels => Path.Combine(Root, "wheels");

    public string Clones => Path.Combine(Root, "clones");

    private string Locks => Path.Combine(Root, "locks");

    /// <summary>Held shared by every build that uses entries; <see cref="CollectAsync"/> holds it exclusively.</summary>
    public Task<FileLock> UseAsync(CancellationToken cancellationToken) =>
        FileLock.AcquireSharedAsync(Path.Combine(Locks, "use.lock"), LockWait.UpTo(TimeSpan.FromMinutes(10)), cancellationToken);

    /// <summary>The exclusive lock of collection: no build uses the cache while it is held.</summary>
    public Task<FileLock> CollectAsync(LockWait wait, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(Path.Combine(Locks, "use.lock"), wait, "collecting the machine cache", cancellationToken);

    /// <summary>The lock of one entry's build (<paramref name="name"/> like <c>base-&lt;key&gt;</c>), in the cache's lock folder.</summary>
    public static Task<FileLock> LockEntryAsync(string cacheRoot, string name, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(Path.Combine(cacheRoot, "locks", name + ".lock"), EntryWait, "building " + name, cancellationToken);

    /// <summary>Records this clone (its artifacts folder) so that collection keeps what its candidates need.</summary>
    public void Register(string artifactsDirectory)
    {
        var full = Path.GetFullPath(artifactsDirectory);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        var file = Path.Combine(Clones, id);
        if (File.Exists(file) && File.ReadAllText(file).Trim() == full) return;
        AtomicFile.WriteAllText(file, full + "\n");
    }

    /// <summary>The artifacts folders of the clones registered here that still exist (registrations of removed clones are dropped).</summary>
    public IReadOnlyList<string> RegisteredClones(bool dropMissing)
    {
        if (!Directory.Exists(Clones)) return [];
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Clones).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            var artifacts = File.ReadAllText(file).Trim();
            if (Directory.Exists(artifacts)) found.Add(artifacts);
            else if (dropMissing) File.Delete(file);
        }
        return found;
    }

    /// <summary>Marks an entry (file or directory) as used now: collection removes the least recently used first.</summary>
    public static void Touch(string entry)
    {
        try
        {
            if (Directory.Exists(entry)) Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
            else if (File.Exists(entry)) File.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
        }
        catch (UnauthorizedAccessException)
        {
            // A cache another user owns: the entry is still valid, only its place in the LRU order is older.
        }
    }

    /// <summary>True for the temporary siblings of entries being built (or left by a killed build).</summary>
    public static bool IsTemporary(string name) => name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>The file in a directory entry that holds its listing digest.</summary>
    public const string ListingFile = "listing.sha256";

    private static readonly HashSet<string> ListingExcluded = [ListingFile];

    /// <summary>
    /// Writes the listing digest of a finished entry and its size in bytes (the last write before it is renamed into
    /// place): <c>&lt;digest&gt; &lt;bytes&gt;</c>. The size is the entry's line in the size ledger that collection reads
    /// instead of walking the tree again.
    /// </summary>
    public static void SealDirectory(string directory)
    {
        var (digest, bytes) = Listing(directory, ListingExcluded);
        AtomicFile.WriteAllText(Path.Combine(directory, ListingFile), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{digest} {bytes}\n"));
    }

    /// <summary>Null when the entry's listing matches the digest written when it was sealed; otherwise what is wrong.</summary>
    public static string? VerifyDirectory(string directory)
    {
        var file = Path.Combine(directory, ListingFile);
        if (!File.Exists(file)) return $"{file} is missing";
        var recorded = File.ReadAllText(file).Split(' ', '\n')[0].Trim();
        var actual = ListingDigest(directory, ListingExcluded);
        return recorded == actual ? null : $"its listing has sha256 {actual}, sealed as {recorded}";
    }

    /// <summary>
    /// The bytes of a sealed directory entry as recorded when it was sealed (its seal file counted too), or null for an
    /// entry sealed without a size (then only a walk tells).
    /// </summary>
    public static long? RecordedSize(string directory)
    {
        var file = Path.Combine(directory, ListingFile);
        try
        {
            var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2 && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
                ? bytes + new FileInfo(file).Length
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the directory entry is finished (its <c>complete</c> marker), its listing matches its seal (it is then
    /// marked used); a damaged entry is told to <paramref name="progress"/> (as <paramref name="label"/>) and set aside
    /// (<see cref="SetAside"/>), so that the caller builds it again.
    /// </summary>
    public static bool UseSealedDirectory(string entry, string label, Action<string>? progress)
    {
        if (!File.Exists(Path.Combine(entry, "complete"))) return false;
        if (VerifyDirectory(entry) is { } damage)
        {
            progress?.Invoke($"{label}: cached entry {entry} is damaged ({damage}); building it again");
            SetAside(entry);
            return false;
        }
        Touch(entry);
        return true;
    }

    /// <summary>The prefix of entries set aside by <see cref="SetAside"/> (temporary names: collection removes them).</summary>
    public const string SetAsidePrefix = ".discarded-";

    private static int _setAside;

    /// <summary>How many entries this process set aside since it started (they wait for the exclusive lock to be removed).</summary>
    public static int SetAsideCount => Volatile.Read(ref _setAside);

    /// <summary>
    /// Takes a damaged entry out of its place while only the shared use lock is held: renamed to a temporary sibling
    /// (so it can be built again at once, and a build that still reads it keeps its open files), never deleted here.
    /// The sibling is removed under the exclusive use lock: by collection, or right after the step that set it aside
    /// when no other build uses the cache then.
    /// </summary>
    public static void SetAside(string entry)
    {
        if (MoveAside(entry) is not null) Interlocked.Increment(ref _setAside);
    }

    /// <summary>
    /// Removes an entry whole (renamed first, so no reader sees half of it). Only for holders of the exclusive use lock
    /// (collection, emptying the cache); a reader that found an entry damaged uses <see cref="SetAside"/>.
    /// </summary>
    public static void Discard(string entry)
    {
        if (MoveAside(entry) is not { } aside) return;
        if (Directory.Exists(aside)) AtomicFile.DeleteTree(aside);
        else File.Delete(aside);
    }

    /// <summary>Renames an entry (directory or file) to a temporary sibling; null when it is gone (another build moved it first).</summary>
    private static string? MoveAside(string entry)
    {
        var aside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(entry))!, $"{SetAsidePrefix}{Guid.NewGuid():N}");
        try
        {
            if (Directory.Exists(entry)) Directory.Move(entry, aside);
            else if (File.Exists(entry)) File.Move(entry, aside);
            else return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return aside;
    }

    /// <summary>Bytes of a file or everything under a directory (symbolic links count as themselves, never followed).</summary>
    public static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.LinkTarget is null) return info.Length;
        if (info.Exists || !Directory.Exists(path)) return 0;
        long total = 0;
        var stack = new Stack<DirectoryInfo>([new DirectoryInfo(path)]);
        while (stack.Count > 0)
        {
            foreach (var child in stack.Pop().EnumerateFileSystemInfos())
            {
                if (child.LinkTarget is not null) continue;
                if (child is DirectoryInfo d) stack.Push(d);
                else if (child is FileInfo f) total += f.Length;
            }
        }
        return total;
    }

    /// <summary>
    /// The digest of a directory tree's listing: every path with its type, permissions, size and link target (not the
    /// content: re-hashing a 500 MB root filesystem on each read would cost seconds). Written when an entry is
    /// published and compared when it is read, so a truncated, removed, added or re-permissioned file is noticed.
    /// </summary>
    public static string ListingDigest(string directory, IReadOnlySet<string> excludedTopLevel) => Listing(directory, excludedTopLevel).Digest;

    /// <summary>The listing digest of <see cref="ListingDigest"/> and the bytes of the files it lists, from one walk.</summary>
    private static (string Digest, long Bytes) Listing(string directory, IReadOnlySet<string> excludedTopLevel)
    {
        ArgumentNullException.ThrowIfNull(excludedTopLevel);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        var root = new DirectoryInfo(directory);
        var stack = new Stack<(DirectoryInfo Dir, string Relative)>([(root, "")]);
        while (stack.Count > 0)
        {
            var (dir, relative) = stack.Pop();
            foreach (var child in dir.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (relative.Length == 0 && excludedTopLevel.Contains(child.Name)) continue;
                var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
                var mode = Convert.ToString((int)child.UnixFileMode, 8);
                string line;
                if (child.LinkTarget is { } target) line = $"l {path} {target}";
                else if (child is DirectoryInfo d)
                {
                    line = $"d {path} {mode}";
                    stack.Push((d, path));
                }
                else
                {
                    var length = ((FileInfo)child).Length;
                    bytes += length;
                    line = $"f {path} {mode} {length}";
                }
                sha.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
            }
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), bytes);
    }
}
