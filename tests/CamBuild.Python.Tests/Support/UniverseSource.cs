using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CamBuild.Python.Index;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests.Support;

/// <summary>
/// An in-memory package index built from Fixtures/cam-universe.json (real SARAO metadata). Every version gets a
/// pure wheel (or two abi3 platform wheels for x86_64 and aarch64 when the fixture says "platform"), plus an sdist
/// when the fixture mentions one. Files hold their own name as content, so hashes are real sha256 of that content.
/// </summary>
public sealed class UniverseSource : IPackageSource
{
    private readonly Dictionary<string, List<DistributionFile>> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private int _listings;
    private int _metadataReads;

    public UniverseSource(UniverseOptions? options = null)
    {
        options ??= new UniverseOptions();
        using var document = JsonDocument.Parse(File.ReadAllText(FixturePath));
        foreach (var package in document.RootElement.GetProperty("packages").EnumerateArray())
        {
            var name = package.GetProperty("name").GetString()!;
            var kind = package.GetProperty("wheel_kind").GetString()!;
            foreach (var version in package.GetProperty("versions").EnumerateArray())
            {
                var text = version.GetProperty("version").GetString()!;
                var requiresPython = version.GetProperty("requires_python").GetString();
                var requires = version.GetProperty("requires_dist").EnumerateArray().Select(e => e.GetString()!).ToArray();
                var extras = version.GetProperty("provides_extra").EnumerateArray().Select(e => e.GetString()!).ToArray();
                AddRelease(name, text, requiresPython, requires, extras, kind, options);
            }
        }

        foreach (var extra in options.ExtraReleases)
        {
            AddRelease(extra.Name, extra.Version, extra.RequiresPython, extra.RequiresDist, extra.ProvidesExtra, "pure", options);
        }
    }

    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "cam-universe.json");

    public Uri DisplayUrl { get; } = new("http://127.0.0.1:8765/simple/");

    public int Listings => _listings;

    public int MetadataReads => _metadataReads;

    public Task<IReadOnlyList<DistributionFile>> GetFilesAsync(string project, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        IReadOnlyList<DistributionFile> files = _files.TryGetValue(PackageName.Normalize(project), out var list) ? list : [];
        return Task.FromResult(files);
    }

    public Task<string> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Interlocked.Increment(ref _metadataReads);
        return Task.FromResult(_metadata[file.FileName]);
    }

    public async Task DownloadAsync(DistributionFile file, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await File.WriteAllTextAsync(destinationPath, file.FileName, cancellationToken);
    }

    public static string Sha256Of(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static string BuildMetadata(string name, string version, string? requiresPython, IEnumerable<string> requires, IEnumerable<string> extras)
    {
        var builder = new StringBuilder();
        builder.Append("Metadata-Version: 2.1\n").Append($"Name: {name}\n").Append($"Version: {version}\n");
        if (requiresPython is not null)
        {
            builder.Append($"Requires-Python: {requiresPython}\n");
        }

        foreach (var extra in extras)
        {
            builder.Append($"Provides-Extra: {extra}\n");
        }

        foreach (var requirement in requires)
        {
            builder.Append($"Requires-Dist: {requirement}\n");
        }

        return builder.Append("\nLong description body.\n").ToString();
    }

    private void AddRelease(string name, string version, string? requiresPython, string[] requires, string[] extras, string kind, UniverseOptions options)
    {
        var project = PackageName.Normalize(name);
        var stem = $"{project.Replace('-', '_')}-{version}";
        var yanked = options.Yanked.TryGetValue($"{project}=={version}", out var reason) ? reason : null;
        var fileNames = new List<string>();
        if (!options.SdistOnly.Contains(project))
        {
            if (kind.StartsWith("platform", StringComparison.Ordinal) || kind.Contains("platform wheels", StringComparison.Ordinal))
            {
                fileNames.Add($"{stem}-cp38-abi3-manylinux_2_17_aarch64.manylinux2014_aarch64.whl");
                fileNames.Add($"{stem}-cp38-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
            }
            else
            {
                fileNames.Add($"{stem}-py3-none-any.whl");
            }
        }

        if (kind.Contains("sdist", StringComparison.Ordinal) || options.SdistOnly.Contains(project))
        {
            fileNames.Add($"{stem}.tar.gz");
        }

        var metadata = BuildMetadata(name, version, requiresPython, requires, extras);
        var list = _files.TryGetValue(project, out var existing) ? existing : _files[project] = [];
        foreach (var fileName in fileNames)
        {
            var url = new Uri(DisplayUrl, $"{project}/{fileName}");
            var isWheel = fileName.EndsWith(".whl", StringComparison.Ordinal);
            list.Add(new DistributionFile(project, fileName, url, Sha256Of(fileName), requiresPython, yanked, isWheel));
            _metadata[fileName] = metadata;
        }
    }
}

/// <summary>Variations on the fixture for edge cases the real data lacks (yanks, sdist-only leaves, extra releases).</summary>
public sealed class UniverseOptions
{
    /// <summary>"name==version" to yank reason.</summary>
    public Dictionary<string, string> Yanked { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Normalised project names published only as sdists.</summary>
    public HashSet<string> SdistOnly { get; init; } = new(StringComparer.Ordinal);

    public List<ExtraRelease> ExtraReleases { get; init; } = [];
}

public sealed record ExtraRelease(string Name, string Version, string? RequiresPython, string[] RequiresDist, string[] ProvidesExtra);
