using CamBuild.Python.Versions;
using System.Collections.Concurrent;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Server;

/// <summary>Scans <c>&lt;root&gt;/&lt;normalized-project&gt;/&lt;files&gt;</c>; hashes and metadata are cached so a refresh only reads changed files.</summary>
internal sealed class IndexScanner(string root)
{
    private static readonly string[] DistributionSuffixes = [".whl", ".tar.gz", ".zip", ".tar.bz2"];

    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), string> _hashes = new();
    private readonly ConcurrentDictionary<string, WheelFacts> _wheelFactsByHash = new(StringComparer.Ordinal);

    private sealed record WheelFacts(byte[] Metadata, string MetadataSha256, string? RequiresPython);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The PEP 658 metadata bytes of the wheel with this sha256, if it has been scanned.</summary>
    public byte[]? MetadataFor(string fileSha256) =>
        _wheelFactsByHash.TryGetValue(fileSha256, out var facts) ? facts.Metadata : null;

    public IndexSnapshot Scan()
    {
        if (!Directory.Exists(Root))
            throw new PackageIndexLayoutException(Root, "the index root directory does not exist; create it or pass the right path");
        var projects = new List<string>();
        var files = new List<IndexedFile>();
        foreach (var directory in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith('.'))
                continue;
            var normalized = PackageName.Normalize(name);
            if (normalized != name)
                throw new PackageIndexLayoutException(directory,
                    $"project directories must use the PEP 503 normalized name; rename it to '{normalized}'");
            projects.Add(name);
            foreach (var path in Directory.EnumerateFiles(directory).Where(IsDistribution))
                files.Add(Describe(name, path));
        }
        return new IndexSnapshot(files, projects);
    }

    private static bool IsDistribution(string path)
    {
        var fileName = Path.GetFileName(path);
        return !fileName.StartsWith('.') &&
               DistributionSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    private IndexedFile Describe(string project, string path)
    {
        var info = new FileInfo(path);
        var sha256 = _hashes.GetOrAdd((path, info.Length, info.LastWriteTimeUtc), _ => Sha256.OfFile(path).Hex);
        var yankMarker = path + ".yanked";
        var yankedReason = File.Exists(yankMarker) ? File.ReadAllText(yankMarker).Trim() : null;
        var fileName = info.Name;
        if (!fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
            return new IndexedFile(project, fileName, path, info.Length, sha256, null, yankedReason, null);
        var facts = _wheelFactsByHash.GetOrAdd(sha256, _ => ReadWheelFacts(path));
        return new IndexedFile(project, fileName, path, info.Length, sha256, facts.RequiresPython, yankedReason, facts.MetadataSha256);
    }

    private static WheelFacts ReadWheelFacts(string path)
    {
        var metadata = WheelMetadataReader.ReadMetadataBytes(path);
        var parsed = CoreMetadata.Parse(System.Text.Encoding.UTF8.GetString(metadata), path);
        return new WheelFacts(metadata, Sha256.Of(metadata).Hex, parsed.RequiresPython is { Length: > 0 } rp ? rp : null);
    }
}
