using System.Text.Json;
using System.Text.Json.Serialization;

namespace CamBuild.Images.Os;

/// <summary>One pinned .deb: exact version and content hash, plus the mirror's stanza copied verbatim.</summary>
public sealed record OsLockPackage(
    string Package, string Version, string Architecture, string Sha256, long Size, string Filename,
    string Mirror, string Stanza);

/// <summary>A repository the lock was taken from, with the date of its Release file.</summary>
public sealed record OsLockSource(string Uri, string Suite, IReadOnlyList<string> Components, string ReleaseDate);

/// <summary>
/// The OS lock: the exact Debian package set of a candidate. SourceDateEpoch is the newest Release date of the
/// mirror suites, so it names "the time of the lock" and is used to clamp every mtime in the candidate.
/// </summary>
public sealed record OsLock(
    string Format, string Suite, string Architecture, string Variant, IReadOnlyList<string> Include,
    long SourceDateEpoch, IReadOnlyList<OsLockSource> Sources, IReadOnlyList<OsLockPackage> Packages)
{
    public const string FormatId = "cambuild-os-lock/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The identity of the lock's content (whitespace of the file does not matter).</summary>
    public string ContentSha256() =>
        Sha256.OfText(ToJson()).Hex;

    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    public static OsLock Load(string path)
    {
        if (!File.Exists(path)) throw new ImageBuildException($"OS lock '{path}' does not exist; run the Pin step to create it.");
        OsLock? lockFile;
        try
        {
            lockFile = JsonSerializer.Deserialize<OsLock>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ImageBuildException(
                $"OS lock '{path}' line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message}); re-create it with the Pin step.", e);
        }
        if (lockFile is null || lockFile.Format != FormatId)
        {
            throw new ImageBuildException($"OS lock '{path}': format is '{lockFile?.Format}', expected '{FormatId}'; re-create it with the Pin step.");
        }
        foreach (var p in lockFile.Packages)
        {
            if (!Common.Sha256.IsValid(p.Sha256) || string.IsNullOrEmpty(p.Filename))
                throw new ImageBuildException($"OS lock '{path}': package '{p.Package}' has no valid sha256/filename; re-create the lock.");
        }
        return lockFile;
    }
}
