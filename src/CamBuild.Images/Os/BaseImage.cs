using CamBuild.Common.Caching;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Os;

/// <summary>The cached base: the mmdebstrap tar and its extracted directory (never modified; used as an overlay lower layer).</summary>
public sealed record BaseImageResult(string Key, string TarPath, string RootDir, long SourceDateEpoch, bool CacheHit);

/// <summary>Builds (offline, from the locked debs only) or reuses the base root filesystem keyed by its inputs.</summary>
public static class BaseImage
{
    /// <summary>Bump when the recipe below changes: the recipe is part of the candidate's identity.</summary>
    public const string RecipeVersion = "base/1";

    public static async Task<BaseImageResult> EnsureAsync(OsLock osLock, string cacheDir, Action<string>? progress = null,
        IReadOnlyDictionary<string, string>? mirrorOverrides = null, string? debStoreDir = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(osLock);
        var key = await KeyAsync(osLock, cancellationToken).ConfigureAwait(false);
        var baseRoot = Directory.CreateDirectory(Path.Combine(cacheDir, "base")).FullName;
        var final = Path.Combine(baseRoot, key);
        var result = new BaseImageResult(key, Path.Combine(final, "rootfs.tar"), Path.Combine(final, "root"), osLock.SourceDateEpoch, true);
        if (Hit(final, key, progress)) return result;

        // Another clone sharing the machine cache may be building the same base: wait for it instead of a second mmdebstrap.
        using var entryLock = await MachineCache.LockEntryAsync(cacheDir, "base-" + key, cancellationToken).ConfigureAwait(false);
        if (Hit(final, key, progress)) return result;

        var debs = new DebStore(debStoreDir ?? Path.Combine(cacheDir, "debs"));
        await debs.EnsureAsync(osLock, mirrorOverrides, progress, cancellationToken).ConfigureAwait(false);
        var temp = Path.Combine(baseRoot, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var repo = Path.Combine(temp, "repo");
            FlatRepo.Write(repo, osLock, debs);
            var hookFile = Path.Combine(temp, "customize.sh");
            await File.WriteAllTextAsync(hookFile, CustomizeHook(osLock), cancellationToken).ConfigureAwait(false);
            progress?.Invoke($"base {key[..12]}: mmdebstrap of {osLock.Packages.Count} locked packages (offline)");
            var args = new List<string>
            {
                "-n", "mmdebstrap", $"--variant={osLock.Variant}", $"--architectures={osLock.Architecture}",
                $"--customize-hook=sh {hookFile} \"$1\"",
            };
            if (osLock.Include.Count > 0) args.Add("--include=" + string.Join(',', osLock.Include));
            args.AddRange([osLock.Suite, Path.Combine(temp, "rootfs.tar"), $"deb [trusted=yes] copy://{repo} ./"]);
            await ToolRunner.RunAsync("unshare", args, new ToolRun
            {
                Progress = progress,
                Environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = osLock.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }, cancellationToken).ConfigureAwait(false);
            AtomicFile.DeleteTree(repo);
            await PublishAsync(temp, final, key, cancellationToken).ConfigureAwait(false);
            return result with { CacheHit = false };
        }
        finally
        {
            AtomicFile.DeleteTree(temp);
        }
    }

    /// <summary>
    /// A new OS lock and its base from one online mmdebstrap pass (resolve, download and build together): the lock is
    /// written from what that run installed, and the tar it made is published as the lock's base, the same bytes the
    /// offline rebuild from the lock gives (VerifyReproducible and every later bake take that path). When the mirror
    /// changed during the run, the tar is dropped and the base is built offline from the lock.
    /// </summary>
    public static async Task<(OsLock Lock, BaseImageResult Base)> CreateWithLockAsync(OsLockRequest request, string cacheDir, DebStore debs,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseRoot = Directory.CreateDirectory(Path.Combine(cacheDir, "base")).FullName;
        var temp = Path.Combine(baseRoot, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var tar = Path.Combine(temp, "rootfs.tar");
            var (osLock, tarMatches) = await OsLockBuilder.CreateAsync(request, debs, tar, progress, cancellationToken).ConfigureAwait(false);
            if (!tarMatches)
                return (osLock, await EnsureAsync(osLock, cacheDir, progress, debStoreDir: debs.Root, cancellationToken: cancellationToken).ConfigureAwait(false));
            var key = await KeyAsync(osLock, cancellationToken).ConfigureAwait(false);
            var final = Path.Combine(baseRoot, key);
            var result = new BaseImageResult(key, Path.Combine(final, "rootfs.tar"), Path.Combine(final, "root"), osLock.SourceDateEpoch, false);
            using var entryLock = await MachineCache.LockEntryAsync(cacheDir, "base-" + key, cancellationToken).ConfigureAwait(false);
            if (Hit(final, key, progress)) return (osLock, result with { CacheHit = true });
            await File.WriteAllTextAsync(Path.Combine(temp, "customize.sh"), CustomizeHook(osLock), cancellationToken).ConfigureAwait(false);
            progress?.Invoke($"base {key[..12]}: built in the same mmdebstrap pass as its lock");
            await PublishAsync(temp, final, key, cancellationToken).ConfigureAwait(false);
            return (osLock, result);
        }
        finally
        {
            AtomicFile.DeleteTree(temp);
        }
    }

    /// <summary>The base's cache key: recipe, lock content, the tools that shape its bytes and the customize hook.</summary>
    private static async Task<string> KeyAsync(OsLock osLock, CancellationToken cancellationToken)
    {
        var tools = await ToolVersions.CollectAsync(cancellationToken).ConfigureAwait(false);
        var hook = CustomizeHook(osLock);
        return Hashing.KeyOf(new { RecipeVersion, Lock = osLock.ContentSha256(), tools.Mmdebstrap, tools.Dpkg, tools.Tar, hook });
    }

    /// <summary>Extracts the built <c>rootfs.tar</c> of <paramref name="temp"/>, marks the entry complete, seals it and renames it into place.</summary>
    private static async Task PublishAsync(string temp, string final, string key, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(Path.Combine(temp, "root")).FullName;
        await TarTools.ExtractAsync(Path.Combine(temp, "rootfs.tar"), root, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(temp, "complete"), key, cancellationToken).ConfigureAwait(false);
        MachineCache.SealDirectory(temp);
        AtomicFile.PublishDirectory(temp, final);
    }

    /// <summary>
    /// True when the base is in the cache and its listing matches the one sealed when it was built (it is then marked
    /// used); a damaged entry is removed so that it is built again.
    /// </summary>
    private static bool Hit(string final, string key, Action<string>? progress)
    {
        if (!MachineCache.UseSealedDirectory(final, $"base {key[..12]}", progress)) return false;
        progress?.Invoke($"base {key[..12]}: cache hit ({final})");
        return true;
    }

    /// <summary>
    /// Makes host-dependent files canonical (content and mode: mmdebstrap copies the host's files with their modes),
    /// points apt at the real mirrors instead of the build-time repo path, and drops random per-build state
    /// (ssh host keys: each node makes its own when ssh first starts, see the ssh.service drop-in in config/candidate.yaml).
    /// </summary>
    internal static string CustomizeHook(OsLock osLock) =>
        CustomizeHook(osLock.Sources.Select(s => new AptSource(s.Uri, s.Suite, s.Components)).ToList());

    /// <summary>The hook for these mirrors (known before the lock is: the one-pass build runs it too).</summary>
    internal static string CustomizeHook(IReadOnlyList<AptSource> mirrors)
    {
        var sources = string.Join("\\n", mirrors.Select(s => $"deb {s.Uri} {s.Suite} {string.Join(' ', s.Components)}"));
        return $"""
            set -e
            r="$1"
            printf '{sources}\n' > "$r/etc/apt/sources.list"
            printf 'cam\n' > "$r/etc/hostname"
            printf '# written by the deployer\n' > "$r/etc/resolv.conf"
            printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$r/etc/hosts"
            chmod 0644 "$r/etc/apt/sources.list" "$r/etc/hostname" "$r/etc/resolv.conf" "$r/etc/hosts"
            rm -f "$r"/etc/ssh/ssh_host_*_key "$r"/etc/ssh/ssh_host_*_key.pub
            rm -f "$r/var/lib/systemd/catalog/database"
            """ + "\n";
    }
}
