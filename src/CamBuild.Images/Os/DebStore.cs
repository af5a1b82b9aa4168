using System.Net;

namespace CamBuild.Images.Os;

/// <summary>A content-addressed store of .deb files (<c>&lt;root&gt;/&lt;sha256&gt;.deb</c>), filled from the lock's mirrors.</summary>
public sealed class DebStore(string root)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public string Root { get; } = Directory.CreateDirectory(root).FullName;

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
            if (await IsIntactAsync(p.Sha256, progress, cancellationToken).ConfigureAwait(false)) CamBuild.Common.Caching.MachineCache.Touch(PathOf(p.Sha256));
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
            }
            finally
            {
                File.Delete(tmp);
            }
        }
    }

    /// <summary>True when the stored file is there and still has its sha256 (verified on every read); a damaged one is removed.</summary>
    private async Task<bool> IsIntactAsync(string sha256, Action<string>? progress, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path)) return false;
        var actual = (await Sha256.OfFileAsync(path, cancellationToken).ConfigureAwait(false)).Hex;
        if (actual == sha256) return true;
        progress?.Invoke($"deb store: {path} has sha256 {actual}; fetching it again");
        File.Delete(path);
        return false;
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
