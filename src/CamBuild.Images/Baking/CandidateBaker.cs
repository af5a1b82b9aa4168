using System.Diagnostics;
using System.Text.RegularExpressions;
using CamBuild.Images.Config;
using CamBuild.Images.Os;
using CamBuild.Images.Packing;
using CamBuild.Images.Python;
using CamBuild.Images.Store;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Baking;

/// <summary>
/// BakeCandidate: base (cached by OS lock) → Python layer → configuration layer → pack → compress → store.
/// Each stage is keyed by its inputs and the previous stage's key, so changing one wheel re-runs only the Python
/// stage and what follows.
/// </summary>
public static partial class CandidateBaker
{
    public static async Task<BakeResult> BakeAsync(BakeSpec spec, BakeOptions options, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var progress = options.Progress;
        ValidateName(spec);
        var tools = await ToolVersions.CollectAsync(cancellationToken).ConfigureAwait(false);
        var environments = spec.Environments.Select(e => WheelVerifier.Verify(e, progress)).ToList();
        var dupPaths = environments.GroupBy(e => e.InstallPath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupPaths.Count > 0) throw new ImageBuildException($"bake: install path(s) used by more than one environment: {string.Join(", ", dupPaths)}.");
        var configFiles = ConfigLayer.Verify(spec.ConfigFiles);
        var inputs = new InputStore(options.CacheRoot);
        foreach (var e in environments)
        {
            inputs.Add(e.LockPath, e.LockSha256);
            foreach (var w in e.Wheels) inputs.Add(w.SourcePath, w.Sha256);
        }
        foreach (var c in configFiles) inputs.Add(c.Source, c.Sha256);

        var sde = spec.OsLock.SourceDateEpoch;
        var stages = new StageCache(options.CacheRoot);
        void Stage(int done, string name) => options.StageProgress?.Invoke(done, StageNames.Length, name);
        Stage(0, StageNames[0]);
        var baseWatch = Stopwatch.StartNew();
        var baseImage = await BaseImage.EnsureAsync(spec.OsLock, options.CacheRoot, progress, options.MirrorOverrides, options.Debs, cancellationToken)
            .ConfigureAwait(false);
        stages.Outcomes.Add(new StageOutcome("base", baseImage.Key, baseImage.CacheHit, baseWatch.Elapsed.TotalSeconds));

        var manifestEnvs = environments.Select(e => new ManifestEnvironment(e.Name, e.InstallPath, e.LockSha256,
            e.Wheels.Select(w => new ManifestWheel(w.RequirementName, w.Version, w.FileName, w.Sha256)).ToList())).ToList();
        var pythonKey = Hashing.KeyOf(new { PythonLayer.RecipeVersion, Base = baseImage.Key, manifestEnvs });
        Stage(1, StageNames[1]);
        var pythonDir = await stages.EnsureAsync("python", pythonKey, dir => PythonLayer.BuildAsync([baseImage.RootDir], dir,
            environments, sde, progress, cancellationToken), progress).ConfigureAwait(false);
        var pythonLayer = Path.Combine(pythonDir, "layer");

        var manifestConfig = configFiles.Select(c => new ManifestConfigFile(c.Destination, c.Mode, c.Sha256, Path.GetFileName(c.Source))).ToList();
        var configKey = Hashing.KeyOf(new { ConfigLayer.RecipeVersion, Python = pythonKey, Files = manifestConfig.Select(c => new { c.Destination, c.Mode, c.Sha256 }) });
        Stage(2, StageNames[2]);
        var configDir = await stages.EnsureAsync("config", configKey, dir => ConfigLayer.BuildAsync([pythonLayer, baseImage.RootDir], dir,
            configFiles, sde, cancellationToken), progress).ConfigureAwait(false);
        var layers = new[] { Path.Combine(configDir, "layer"), pythonLayer, baseImage.RootDir };

        var tarFlags = TarTools.PackFlags(sde);
        var packKey = Hashing.KeyOf(new { Recipe = "pack/1", Config = configKey, tarFlags, tools.Tar });
        Stage(3, StageNames[3]);
        var packDir = await stages.EnsureAsync("pack", packKey, dir => PackAsync(layers, dir, sde, baseImage.RootDir, cancellationToken), progress)
            .ConfigureAwait(false);
        var pack = StageCache.ReadMeta<PackMeta>(packDir);
        var tarPath = Path.Combine(packDir, "rootfs.tar");

        var zstdFlags = Compression.Flags(spec.CompressionLevel);
        var compressKey = Hashing.KeyOf(new { Tar = pack.Id, zstdFlags, tools.Zstd });
        Stage(4, StageNames[4]);
        var compressDir = await stages.EnsureAsync("compress", compressKey, async dir =>
        {
            var output = Path.Combine(dir, "template.tar.zst");
            await Compression.CompressAsync(tarPath, output, spec.CompressionLevel, cancellationToken).ConfigureAwait(false);
            return new { Sha256 = (await Sha256.OfFileAsync(output, cancellationToken).ConfigureAwait(false)).Hex };
        }, progress).ConfigureAwait(false);
        var zst = Path.Combine(compressDir, "template.tar.zst");

        Stage(5, StageNames[5]);
        var store = new CandidateStore(options.StoreRoot);
        var fileName = $"{spec.Name}_{spec.Version}-{pack.Id[..12]}_{spec.OsLock.Architecture}.tar.zst";
        var final = store.DirectoryOf(pack.Id);
        if (!store.Contains(pack.Id))
        {
            var prepared = Path.Combine(store.Root, $".prepare-{Guid.NewGuid():N}");
            Directory.CreateDirectory(prepared);
            try
            {
                File.Copy(zst, Path.Combine(prepared, fileName));
                // The compress stage hashed the template as it made it; the copy is not read a third time.
                var templateSha = StageCache.ReadMeta<CompressMeta>(compressDir).Sha256;
                var files = await ContentManifest.ReadAsync(tarPath, cancellationToken).ConfigureAwait(false);
                var manifest = new CandidateManifest(CandidateManifest.FormatId, pack.Id, spec.Name, spec.Version, spec.OsLock.Architecture,
                    fileName, templateSha, new FileInfo(zst).Length, new FileInfo(tarPath).Length, sde, spec.CompressionLevel,
                    new ManifestInputs(spec.OsLock.ContentSha256(), spec.OsLock, manifestEnvs, manifestConfig),
                    new ManifestRecipe(BaseImage.RecipeVersion, PythonLayer.RecipeVersion, ConfigLayer.RecipeVersion, "pack/1", tarFlags,
                        zstdFlags, BaseImage.CustomizeHook(spec.OsLock)),
                    tools, stages.Outcomes.Select(o => new ManifestStage(o.Stage, o.Key)).Append(new ManifestStage("pack", packKey))
                        .Append(new ManifestStage("compress", compressKey)).DistinctBy(s => s.Stage).ToList(),
                    pack.Dpkg, StageCache.ReadMeta<PythonLayerMeta>(pythonDir).Freeze, Hashing.KeyOf(files), files);
                AtomicFile.WriteAllText(Path.Combine(prepared, "manifest.json"), manifest.ToJson());
                AtomicFile.WriteAllText(Path.Combine(prepared, "provenance.json"),
                    Provenance.Create(manifest, started, DateTimeOffset.UtcNow, $"cambuild@{Environment.MachineName}"));
                final = await store.PublishAsync(prepared, pack.Id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                AtomicFile.DeleteTree(prepared);
            }
        }
        var stored = await store.OpenAsync(pack.Id, verifyContent: false, cancellationToken).ConfigureAwait(false);
        Stage(StageNames.Length, $"candidate {pack.Id[..12]} stored");
        progress?.Invoke($"candidate {pack.Id[..12]} stored as {stored.TemplatePath} in {watch.Elapsed.TotalSeconds:F1} s");
        return new BakeResult(pack.Id, final, stored.TemplatePath, stored.Manifest.TemplateSha256, Path.Combine(final, "manifest.json"),
            Path.Combine(final, "provenance.json"), stages.Outcomes, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The stages of a bake in order, as the progress of a bake names them.</summary>
    internal static readonly string[] StageNames =
        ["base root filesystem (mmdebstrap)", "Python environments", "configuration files", "pack (tar)", "compress (zstd)", "store"];

    /// <summary>The pack stage's record: the candidate id and the installed package list.</summary>
    internal sealed record PackMeta(string Id, IReadOnlyList<string> Dpkg);

    private static async Task<PackMeta> PackAsync(IReadOnlyList<string> layers, string dir, long sde, string baseRoot, CancellationToken ct)
    {
        var tar = Path.Combine(dir, "rootfs.tar");
        await using (var overlay = await OverlayMount.MountAsync(layers, Path.Combine(dir, "merged"), null, null, ct).ConfigureAwait(false))
        {
            await TarTools.PackAsync(overlay.Merged, tar, sde, ct).ConfigureAwait(false);
        }
        Directory.Delete(Path.Combine(dir, "merged"));
        var dpkg = await ToolRunner.RunAsync("dpkg-query",
            [$"--admindir={baseRoot}/var/lib/dpkg", "-W", "-f=${Package}\t${Version}\t${Architecture}\n"], cancellationToken: ct).ConfigureAwait(false);
        return new PackMeta((await Sha256.OfFileAsync(tar, ct).ConfigureAwait(false)).Hex,
            dpkg.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList());
    }

    private static void ValidateName(BakeSpec spec)
    {
        if (!NamePart().IsMatch(spec.Name))
            throw new ImageBuildException($"candidate name '{spec.Name}' must match [a-z0-9][a-z0-9.+-]* (no '_'), e.g. debian-12-cam.");
        if (!NamePart().IsMatch(spec.Version))
            throw new ImageBuildException($"candidate version '{spec.Version}' must match [a-z0-9][a-z0-9.+-]* (no '_'), e.g. 2025.05.1.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.+-]*$")]
    private static partial Regex NamePart();
}

/// <summary>What the compress stage records: the sha256 of the template it wrote.</summary>
internal sealed record CompressMeta(string Sha256);
