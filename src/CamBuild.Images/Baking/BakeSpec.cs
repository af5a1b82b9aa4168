using CamBuild.Images.Config;
using CamBuild.Images.Os;
using CamBuild.Images.Python;

namespace CamBuild.Images.Baking;

/// <summary>
/// Everything a candidate is made of. <paramref name="Name"/> follows the Proxmox convention
/// (<c>debian-12-cam</c>), the file becomes <c>&lt;Name&gt;_&lt;Version&gt;-&lt;short id&gt;_&lt;arch&gt;.tar.zst</c>.
/// </summary>
public sealed record BakeSpec(
    string Name, string Version, OsLock OsLock, IReadOnlyList<PythonEnvironmentSpec> Environments,
    IReadOnlyList<ConfigFileSpec> ConfigFiles, int CompressionLevel = Packing.Compression.Development);

/// <summary>Where a bake keeps its caches and puts its result.</summary>
/// <param name="CacheRoot">stage caches, base images and the input store (default <c>.nuke/temp/cache/images</c>).</param>
/// <param name="StoreRoot">the candidate store (<c>&lt;store&gt;/&lt;id&gt;/</c>).</param>
/// <param name="DebStoreRoot">the .deb store; defaults to <c>&lt;CacheRoot&gt;/debs</c>.</param>
/// <param name="Progress">Lines of the tools as they run (mmdebstrap, pip, ...).</param>
/// <param name="StageProgress">Told (stages done, stages in all, the stage now running) before each stage.</param>
public sealed record BakeOptions(string CacheRoot, string StoreRoot, string? DebStoreRoot = null,
    IReadOnlyDictionary<string, string>? MirrorOverrides = null, Action<string>? Progress = null,
    Action<int, int, string>? StageProgress = null)
{
    public string Debs => DebStoreRoot ?? Path.Combine(CacheRoot, "debs");
}

/// <summary>The stored candidate and how each stage went.</summary>
public sealed record BakeResult(string Id, string Directory, string TemplatePath, string TemplateSha256, string ManifestPath,
    string ProvenancePath, IReadOnlyList<StageOutcome> Stages, double Seconds);
