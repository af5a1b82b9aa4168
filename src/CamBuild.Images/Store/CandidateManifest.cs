using System.Text.Json;
using CamBuild.Images.Os;
using CamBuild.Images.Packing;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Store;

public sealed record ManifestWheel(string Name, string Version, string FileName, string Sha256);

public sealed record ManifestEnvironment(string Name, string InstallPath, string LockSha256, IReadOnlyList<ManifestWheel> Wheels);

public sealed record ManifestConfigFile(string Destination, string Mode, string Sha256, string SourceName);

/// <summary>Every input with its hash; the bytes live in the input store so the candidate can be rebaked.</summary>
public sealed record ManifestInputs(string OsLockSha256, OsLock OsLock, IReadOnlyList<ManifestEnvironment> Environments,
    IReadOnlyList<ManifestConfigFile> ConfigFiles);

/// <summary>The recipe (its versions and exact flags are part of the identity).</summary>
public sealed record ManifestRecipe(string Base, string Python, string Config, string Pack, IReadOnlyList<string> TarFlags,
    IReadOnlyList<string> ZstdFlags, string BaseCustomizeHook);

public sealed record ManifestStage(string Stage, string Key);

/// <summary><c>manifest.json</c> next to the template in the candidate store.</summary>
public sealed record CandidateManifest(
    string Format, string Id, string Name, string Version, string Architecture, string FileName, string TemplateSha256,
    long TemplateSize, long TarSize, long SourceDateEpoch, int CompressionLevel, ManifestInputs Inputs, ManifestRecipe Recipe,
    ToolVersions Tools, IReadOnlyList<ManifestStage> Stages, IReadOnlyList<string> DpkgList,
    IReadOnlyDictionary<string, string> PipFreeze, string ContentManifestSha256, IReadOnlyList<ContentEntry> Files)
{
    public const string FormatId = "cambuild-candidate/1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static CandidateManifest Load(string path)
    {
        try
        {
            var m = JsonSerializer.Deserialize<CandidateManifest>(File.ReadAllText(path), Json);
            if (m?.Format != FormatId) throw new ImageBuildException($"'{path}': format '{m?.Format}', expected '{FormatId}'.");
            return m;
        }
        catch (JsonException e)
        {
            throw new ImageBuildException($"'{path}' line {(e.LineNumber ?? 0) + 1}: not a valid candidate manifest ({e.Message}).", e);
        }
    }
}
