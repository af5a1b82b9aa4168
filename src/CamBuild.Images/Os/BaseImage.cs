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
        var tools = await ToolVersions.CollectAsync(cancellationToken).ConfigureAwait(false);
        var hook = CustomizeHook(osLock);
        var key = Hashing.KeyOf(new { RecipeVersion, Lock = osLock.ContentSha256(), tools.Mmdebstrap, tools.Dpkg, tools.Tar, hook });
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
            await File.WriteAllTextAsync(hookFile, hook, cancellationToken).ConfigureAwait(false);
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
            var root = Directory.CreateDirectory(Path.Combine(temp, "root")).FullName;
            await TarTools.ExtractAsync(Path.Combine(temp, "rootfs.tar"), root, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "complete"), key, cancellationToken).ConfigureAwait(false);
            MachineCache.SealDirectory(temp);
            AtomicFile.PublishDirectory(temp, final);
            return result with { CacheHit = false };
        }
        finally
        {
            AtomicFile.DeleteTree(temp);
        }
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
    internal static string CustomizeHook(OsLock osLock)
    {
        var sources = string.Join("\\n", osLock.Sources.Select(s => $"deb {s.Uri} {s.Suite} {string.Join(' ', s.Components)}"));
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
