using System.Net;
using CamBuild.Common.Caching;

namespace CamBuild.Images.Os;

/// <summary>
/// A content-addressed store of .deb files (<c>&lt;root&gt;/&lt;sha256&gt;.deb</c>), filled from the lock's mirrors.
/// Each file is hashed when it is first read and then trusted while its size, modification time and inode stay those
/// its stamp recorded (<c>&lt;root&gt;.verified/</c>, beside the store so that collection never takes a stamp for a deb).
/// </summary>
public sealed class DebStore
{
    internal static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private readonly VerifiedStamps _stamps;

    public DebStore(string root)
    {
        Root = Directory.CreateDirectory(root).FullName;
        _stamps = new VerifiedStamps(Root.TrimEnd('/') + ".verified");
    }

    public string Root { get; }

    /// <summary>How many stored files this store hashed to verify them (a file with a current stamp is not hashed).</summary>
    internal int FilesHashed { get; private set; }

    public string PathOf(string sha256) => Path.Combine(Root, sha256 + ".deb");

    public async Task AddAsync(string file, string sha256, CancellationToken cancellationToken = default)
    {
        var target = PathOf(sha256);
        if (await IsIntactAsync(sha256, null, cancellationToken).ConfigureAwait(false)) return;
        var actual = (await Sha256.OfFileAsync(file, cancellationToken).ConfigureAwait(false)).Hex;
        if (actual != sha256) throw new ImageBuildException($"deb store: '{file}' has sha256 {actual}, expected {sha256}.");
        var tmp = target + $".{Guid.NewGuid():N}.tmp";
        File.Copy(file, tmp);
        File.Move(tmp, target, overwrite: true);
        _stamps.Record(target, sha256);
    }

    /// <summary>
    /// Makes every locked .deb present, downloading missing ones from <c>mirror/Filename</c>. A version the mirror no
    /// longer serves, or a file whose hash differs, stops the bake: another version is never taken silently.
    /// </summary>
    public async Task EnsureAsync(OsLock osLock, IReadOnlyDictionary<string, string>? mirrorOverrides = null,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var missing = new List<OsLockPackage>();
        foreach (var p in osLock.Packages.DistinctBy(p => p.Sha256))
        {
            if (await IsIntactAsync(p.Sha256, progress, cancellationToken).ConfigureAwait(false)) MarkUsed(p.Sha256);
            else missing.Add(p);
        }
        if (missing.Count == 0) return;
        progress?.Invoke($"fetching {missing.Count} pinned .deb files");
        foreach (var p in missing)
        {
            var mirror = mirrorOverrides is not null && mirrorOverrides.TryGetValue(p.Mirror, out var m) ? m : p.Mirror;
            var url = mirror.TrimEnd('/') + "/" + p.Filename;
            using var response = await Http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                throw new PinnedPackageUnavailableException(UnavailableMessage(osLock, p, mirror, (int)response.StatusCode));
            if (!response.IsSuccessStatusCode)
                throw new ImageBuildException($"fetching '{url}' for pinned package {p.Package} {p.Version}: HTTP {(int)response.StatusCode}.");
            var tmp = PathOf(p.Sha256) + $".{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var file = File.Create(tmp))
                    await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                var actual = (await Sha256.OfFileAsync(tmp, cancellationToken).ConfigureAwait(false)).Hex;
                if (actual != p.Sha256)
                {
                    throw new PinnedPackageUnavailableException(
                        $"{UnavailableMessage(osLock, p, mirror, 200)} (the mirror serves a file with sha256 {actual} under that name)");
                }
                File.Move(tmp, PathOf(p.Sha256), overwrite: true);
                _stamps.Record(PathOf(p.Sha256), p.Sha256);
            }
            finally
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>
    /// True when the stored file is there and has its sha256: hashed on its first read, afterwards trusted while its
    /// stamp is current. A damaged one is set aside (removed under the exclusive lock of the machine cache).
    /// </summary>
    private async Task<bool> IsIntactAsync(string sha256, Action<string>? progress, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path)) return false;
        if (_stamps.IsCurrent(path, sha256)) return true;
        FilesHashed++;
        var actual = (await Sha256.OfFileAsync(path, cancellationToken).ConfigureAwait(false)).Hex;
        if (actual == sha256)
        {
            _stamps.Record(path, sha256);
            return true;
        }
        progress?.Invoke($"deb store: {path} has sha256 {actual}; fetching it again");
        _stamps.Forget(sha256);
        MachineCache.SetAside(path);
        return false;
    }

    /// <summary>Marks a verified file used (its modification time: the LRU order of collection) and stamps it as it is now.</summary>
    private void MarkUsed(string sha256)
    {
        var path = PathOf(sha256);
        MachineCache.Touch(path);
        _stamps.Record(path, sha256);
    }

    private static string UnavailableMessage(OsLock osLock, OsLockPackage p, string mirror, int status)
    {
        var lockTime = DateTimeOffset.FromUnixTimeSeconds(osLock.SourceDateEpoch).UtcDateTime;
        return $"pinned package {p.Package} {p.Version} ({p.Architecture}, sha256 {p.Sha256}) is no longer served by mirror " +
               $"{mirror} (GET {p.Filename} -> HTTP {status}). The bake never installs another version. Either re-run Pin " +
               "to lock the versions the mirror serves now, or map the mirror to a snapshot mirror that still has it, e.g. " +
               $"mirrorOverrides[\"{p.Mirror}\"] = \"http://snapshot.debian.org/archive/debian/{lockTime:yyyyMMdd'T'HHmmss'Z'}/\" " +
               "(use archive/debian-security/... for the security suite).";
    }
}
