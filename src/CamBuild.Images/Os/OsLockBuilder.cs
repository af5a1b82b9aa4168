using CamBuild.Common;
using System.Globalization;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Os;

/// <summary>What to lock: the Debian suite, architecture, the packages named in config, and the mirrors.</summary>
public sealed record OsLockRequest(string Suite, string Architecture, IReadOnlyList<string> Include,
    IReadOnlyList<AptSource>? Sources = null, string Variant = "minbase");

/// <summary>
/// Creates an OS lock by letting mmdebstrap resolve the package set online once (signatures checked against the
/// host keyring), then pinning every downloaded .deb by sha256 to its verbatim mirror stanza.
/// The downloaded debs go into the deb store, so the first bake needs no second download.
/// </summary>
public static class OsLockBuilder
{
    public static async Task<OsLock> CreateAsync(OsLockRequest request, DebStore debStore, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var sources = request.Sources ?? HostAptSources.ForSuite(request.Suite);
        var include = request.Include.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var work = Directory.CreateTempSubdirectory("cambuild-oslock-").FullName;
        try
        {
            var debs = Directory.CreateDirectory(Path.Combine(work, "debs")).FullName;
            var lists = Directory.CreateDirectory(Path.Combine(work, "lists")).FullName;
            progress?.Invoke($"resolving {include.Count} packages for {request.Suite}/{request.Architecture} with mmdebstrap (online)");
            var args = new List<string>
            {
                $"--variant={request.Variant}", $"--architectures={request.Architecture}",
                "--skip=essential/unlink",
                $"--customize-hook=sync-out /var/cache/apt/archives {debs}",
                $"--customize-hook=sync-out /var/lib/apt/lists {lists}",
            };
            if (include.Count > 0) args.Add("--include=" + string.Join(',', include));
            args.Add(request.Suite);
            args.Add("/dev/null");
            args.AddRange(sources.Select(s => s.Line));
            await ToolRunner.RunAsync("mmdebstrap", args, new ToolRun { Progress = progress }, cancellationToken).ConfigureAwait(false);

            var lockSources = sources.Select(s => new OsLockSource(s.Uri, s.Suite, s.Components,
                ReadReleaseDate(lists, s).ToString("R", CultureInfo.InvariantCulture))).ToList();
            var sde = lockSources.Max(s => DateTimeOffset.Parse(s.ReleaseDate, CultureInfo.InvariantCulture).ToUnixTimeSeconds());

            var byHash = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var deb in Directory.GetFiles(debs, "*.deb"))
                byHash[(await Sha256.OfFileAsync(deb, cancellationToken).ConfigureAwait(false)).Hex] = deb;
            var packages = new List<OsLockPackage>();
            foreach (var source in sources)
            {
                foreach (var stanza in ReadPackagesIndexes(lists, source, request.Architecture))
                {
                    var sha = stanza["SHA256"];
                    if (sha is null || !byHash.Remove(sha, out var debPath)) continue;
                    packages.Add(new OsLockPackage(stanza["Package"]!, stanza["Version"]!, stanza["Architecture"]!, sha,
                        long.Parse(stanza["Size"]!, CultureInfo.InvariantCulture), stanza["Filename"]!, source.Uri, stanza.Text));
                    await debStore.AddAsync(debPath, sha, cancellationToken).ConfigureAwait(false);
                }
            }
            if (byHash.Count > 0)
            {
                throw new ToolFailedException(
                    $"OS lock: {byHash.Count} downloaded .deb file(s) match no stanza of the mirror indexes " +
                    $"({string.Join(", ", byHash.Values.Select(Path.GetFileName).Take(5))}); the mirror changed during the run — retry.");
            }
            packages.Sort((a, b) => string.CompareOrdinal(a.Package + ":" + a.Architecture, b.Package + ":" + b.Architecture));
            progress?.Invoke($"locked {packages.Count} packages; SOURCE_DATE_EPOCH={sde}");
            return new OsLock(OsLock.FormatId, request.Suite, request.Architecture, request.Variant, include, sde, lockSources, packages);
        }
        finally
        {
            AtomicFile.DeleteTree(work);
        }
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
        var date = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("Date:", StringComparison.Ordinal))
            ?? throw new ToolFailedException($"OS lock: '{file}' has no Date: field.");
        return ParseReleaseDate(date["Date:".Length..].Trim());
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
