using CamBuild.Common;
using System.Globalization;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Os;

/// <summary>What to lock: the Debian suite, architecture, the packages named in config, and the mirrors.</summary>
public sealed record OsLockRequest(string Suite, string Architecture, IReadOnlyList<string> Include,
    IReadOnlyList<AptSource>? Sources = null, string Variant = "minbase");

/// <summary>The lock, and whether the tar written in the same run belongs to it (false when the mirror changed between
/// the Release dates read before the run and the ones apt fetched: the tar is then built with another lock time).</summary>
public sealed record OsLockBuildResult(OsLock Lock, bool TarMatchesLock);

/// <summary>
/// Creates an OS lock by letting mmdebstrap resolve the package set online once (signatures checked against the
/// host keyring), then pinning every installed package by sha256 to its verbatim mirror stanza and the .deb that was
/// downloaded for it. The downloaded debs go into the deb store, so a later offline bake needs no second download.
/// Given <paramref name="rootfsTar"/>, the same run also builds the base root filesystem (resolve, download and build in
/// one mmdebstrap pass): with the base's customize hook and the lock time as SOURCE_DATE_EPOCH, read from the mirrors'
/// Release files before the run, so the tar is the one the offline rebuild from the lock makes.
/// </summary>
public static class OsLockBuilder
{
    public static async Task<OsLock> CreateAsync(OsLockRequest request, DebStore debStore, Action<string>? progress = null,
        CancellationToken cancellationToken = default) =>
        (await CreateAsync(request, debStore, rootfsTar: null, progress, cancellationToken).ConfigureAwait(false)).Lock;

    public static async Task<OsLockBuildResult> CreateAsync(OsLockRequest request, DebStore debStore, string? rootfsTar, Action<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(debStore);
        var sources = request.Sources ?? HostAptSources.ForSuite(request.Suite);
        var include = request.Include.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var work = Directory.CreateTempSubdirectory("cambuild-oslock-").FullName;
        try
        {
            var debs = Directory.CreateDirectory(Path.Combine(work, "debs")).FullName;
            var lists = Directory.CreateDirectory(Path.Combine(work, "lists")).FullName;
            var dpkg = Directory.CreateDirectory(Path.Combine(work, "dpkg")).FullName;
            var args = new List<string>
            {
                $"--variant={request.Variant}", $"--architectures={request.Architecture}",
                "--skip=essential/unlink",
                $"--customize-hook=sync-out /var/cache/apt/archives {debs}",
                $"--customize-hook=sync-out /var/lib/apt/lists {lists}",
                $"--customize-hook=copy-out /var/lib/dpkg/status {dpkg}",
            };
            var run = new ToolRun { Progress = progress };
            long? expectedEpoch = null;
            if (rootfsTar is not null)
            {
                expectedEpoch = await ReleaseEpochAsync(sources, cancellationToken).ConfigureAwait(false);
                var hookFile = Path.Combine(work, "customize.sh");
                await File.WriteAllTextAsync(hookFile, BaseImage.CustomizeHook(sources), cancellationToken).ConfigureAwait(false);
                args.Add($"--customize-hook=sh {hookFile} \"$1\"");
                run = run with { Environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = expectedEpoch.Value.ToString(CultureInfo.InvariantCulture) } };
                progress?.Invoke($"resolving {include.Count} packages for {request.Suite}/{request.Architecture} and building the base with mmdebstrap (online, one pass)");
            }
            else progress?.Invoke($"resolving {include.Count} packages for {request.Suite}/{request.Architecture} with mmdebstrap (online)");
            if (include.Count > 0) args.Add("--include=" + string.Join(',', include));
            args.Add(request.Suite);
            args.Add(rootfsTar ?? "/dev/null");
            args.AddRange(sources.Select(s => s.Line));
            await ToolRunner.RunAsync("mmdebstrap", args, run, cancellationToken).ConfigureAwait(false);

            var lockSources = sources.Select(s => new OsLockSource(s.Uri, s.Suite, s.Components,
                ReadReleaseDate(lists, s).ToString("R", CultureInfo.InvariantCulture))).ToList();
            var sde = EpochOf(lockSources);

            var downloaded = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var deb in Directory.GetFiles(debs, "*.deb"))
                downloaded[(await Sha256.OfFileAsync(deb, cancellationToken).ConfigureAwait(false)).Hex] = deb;
            var installed = InstalledPackages(Deb822.ReadFile(Path.Combine(dpkg, "status")));
            var indexes = sources.Select(s => (s.Uri, Stanzas: ReadPackagesIndexes(lists, s, request.Architecture)));
            var packages = LockInstalled(installed, indexes, downloaded.Keys.ToHashSet(StringComparer.Ordinal));
            foreach (var p in packages) await debStore.AddAsync(downloaded[p.Sha256], p.Sha256, cancellationToken).ConfigureAwait(false);
            progress?.Invoke($"locked {packages.Count} installed packages; SOURCE_DATE_EPOCH={sde}");
            var matches = expectedEpoch is null || expectedEpoch == sde;
            if (!matches)
                progress?.Invoke($"the mirror's Release files changed during the run (lock time {sde}, the base was built with {expectedEpoch}): the base is built again offline from the lock");
            return new OsLockBuildResult(new OsLock(OsLock.FormatId, request.Suite, request.Architecture, request.Variant, include, sde, lockSources, packages), matches);
        }
        finally
        {
            AtomicFile.DeleteTree(work);
        }
    }

    /// <summary>The packages dpkg's status file says are installed (<c>Status: install ok installed</c>): name, version, architecture.</summary>
    internal static IReadOnlyList<(string Package, string Version, string Architecture)> InstalledPackages(IEnumerable<Deb822Stanza> status) =>
        status.Where(s => s["Status"] is "install ok installed")
            .Select(s => (s["Package"]!, s["Version"]!, s["Architecture"]!))
            .ToList();

    /// <summary>
    /// The lock's packages from what was installed: for each installed package the first stanza of the mirror indexes
    /// (in source order) with its name, version and architecture whose .deb was downloaded in the run (its SHA256 one of
    /// <paramref name="downloaded"/>), sorted by name and architecture. A package installed without such a stanza and
    /// deb stops the lock: the lock never names a file nobody verified.
    /// </summary>
    internal static List<OsLockPackage> LockInstalled(IReadOnlyList<(string Package, string Version, string Architecture)> installed,
        IEnumerable<(string Mirror, IEnumerable<Deb822Stanza> Stanzas)> indexes, IReadOnlySet<string> downloaded)
    {
        var wanted = installed.ToHashSet();
        var packages = new List<OsLockPackage>();
        foreach (var (mirror, stanzas) in indexes)
        {
            if (wanted.Count == 0) break;
            foreach (var stanza in stanzas)
            {
                var key = (stanza["Package"] ?? "", stanza["Version"] ?? "", stanza["Architecture"] ?? "");
                var sha = stanza["SHA256"];
                if (sha is null || !downloaded.Contains(sha) || !wanted.Remove(key)) continue;
                packages.Add(new OsLockPackage(key.Item1, key.Item2, key.Item3, sha,
                    long.Parse(stanza["Size"]!, CultureInfo.InvariantCulture), stanza["Filename"]!, mirror, stanza.Text));
            }
        }
        if (wanted.Count > 0)
        {
            throw new ToolFailedException(
                $"OS lock: {wanted.Count} installed package(s) have no downloaded .deb matching a stanza of the mirror indexes " +
                $"({string.Join(", ", wanted.Order().Take(5).Select(w => $"{w.Item1} {w.Item2} {w.Item3}"))}); the mirror changed during the run — retry.");
        }
        packages.Sort((a, b) => string.CompareOrdinal(a.Package + ":" + a.Architecture, b.Package + ":" + b.Architecture));
        return packages;
    }

    /// <summary>The lock time: the newest Release date of the sources.</summary>
    internal static long EpochOf(IEnumerable<OsLockSource> sources) =>
        sources.Max(s => DateTimeOffset.Parse(s.ReleaseDate, CultureInfo.InvariantCulture).ToUnixTimeSeconds());

    /// <summary>The lock time the mirrors say now: the Date of each source's InRelease (or Release) file, fetched before the run.</summary>
    private static async Task<long> ReleaseEpochAsync(IReadOnlyList<AptSource> sources, CancellationToken cancellationToken)
    {
        var dates = new List<OsLockSource>();
        foreach (var source in sources)
        {
            string? text = null;
            foreach (var name in ReleaseFiles)
            {
                var url = new Uri($"{source.Uri.TrimEnd('/')}/dists/{source.Suite}/{name}");
                using var response = await DebStore.Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) continue;
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            if (text is null) throw new ToolFailedException($"OS lock: no InRelease or Release file at {source.Uri}/dists/{source.Suite}/ for '{source.Line}'.");
            var date = DateOf(text.Split('\n'), $"{source.Uri}/dists/{source.Suite}/InRelease");
            dates.Add(new OsLockSource(source.Uri, source.Suite, source.Components, date.ToString("R", CultureInfo.InvariantCulture)));
        }
        return EpochOf(dates);
    }

    private static DateTimeOffset DateOf(IEnumerable<string> releaseLines, string what)
    {
        var date = releaseLines.FirstOrDefault(l => l.StartsWith("Date:", StringComparison.Ordinal))
            ?? throw new ToolFailedException($"OS lock: '{what}' has no Date: field.");
        return ParseReleaseDate(date["Date:".Length..].Trim());
    }

    /// <summary>apt's list file prefix for a URI: scheme dropped, '/' turned into '_'.</summary>
    internal static string ListPrefix(AptSource source)
    {
        var uri = source.Uri;
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) uri = uri[(scheme + 3)..];
        return (uri.TrimEnd('/') + "/dists/" + source.Suite + "/").Replace('/', '_');
    }

    private static readonly string[] ReleaseFiles = ["InRelease", "Release"];

    private static DateTimeOffset ReadReleaseDate(string lists, AptSource source)
    {
        var prefix = ListPrefix(source);
        var file = ReleaseFiles.Select(n => Path.Combine(lists, prefix + n)).FirstOrDefault(File.Exists)
            ?? throw new ToolFailedException($"OS lock: apt fetched no Release file for '{source.Line}' (looked for {prefix}InRelease).");
        return DateOf(File.ReadLines(file), file);
    }

    internal static DateTimeOffset ParseReleaseDate(string value) =>
        DateTimeOffset.Parse(value.Replace(" UTC", " +00:00", StringComparison.Ordinal), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static IEnumerable<Deb822Stanza> ReadPackagesIndexes(string lists, AptSource source, string arch)
    {
        var prefix = ListPrefix(source);
        foreach (var component in source.Components)
        {
            var file = Path.Combine(lists, $"{prefix}{component}_binary-{arch}_Packages");
            if (!File.Exists(file))
                throw new ToolFailedException($"OS lock: apt left no uncompressed index '{file}' for '{source.Line}'.");
            foreach (var s in Deb822.ReadFile(file)) yield return s;
        }
    }
}
