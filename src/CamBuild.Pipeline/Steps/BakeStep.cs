using CamBuild.Images.Baking;
using CamBuild.Images.Config;
using CamBuild.Images.Os;
using CamBuild.Images.Python;
using CamBuild.Pipeline.Config;
using CamBuild.Pipeline.Index;
using CamBuild.Pipeline.Supply;
using CamBuild.Images.Store;
using CamBuild.Targets;
using CamBuild.Targets.Caching;

namespace CamBuild.Pipeline.Steps;

/// <summary>BakeCandidate: OS lock + Python locks + config files -> one reproducible template in the candidate store.</summary>
public static class BakeStep
{
    /// <summary>The files the candidate is baked from, derived from config/candidate.yaml (its files: sources included).</summary>
    /// <summary>
    /// The two config files and every file candidate.yaml bakes in: a function of those two files alone, remembered by
    /// their content so that a cached run does not load the YAML parser.
    /// </summary>
    public static IEnumerable<string> InputFiles(PipelinePaths paths) =>
        DerivedInputs.Remembered(paths.Root, paths.Cache, "bake-inputs", [CandidateConfig.RelativePath, LeavesConfig.RelativePath], () =>
        {
            var candidate = CandidateConfig.Load(paths.Root, LeavesConfig.Load(paths.Root));
            return new[] { CandidateConfig.RelativePath, LeavesConfig.RelativePath }.Concat(candidate.Files.Select(f => f.Source)).Distinct(StringComparer.Ordinal);
        });

    public static Task<CandidatePointer> RunAsync(PipelinePaths paths, IndexAccess access, int? compressionLevel, TargetContext context,
        string? signingKeyFile = null) =>
        Caching.MachineCacheUse.RunAsync(paths, context.Log, () => RunCoreAsync(paths, access, compressionLevel, context, signingKeyFile), context.CancellationToken);

    private static async Task<CandidatePointer> RunCoreAsync(PipelinePaths paths, IndexAccess access, int? compressionLevel, TargetContext context,
        string? signingKeyFile)
    {
        var log = context.Log;
        var leaves = LeavesConfig.Load(paths.Root);
        var candidate = CandidateConfig.Load(paths.Root, leaves);
        if (!File.Exists(paths.OsLock))
            throw new BuildInputException($"{paths.Relative(paths.OsLock)} not found: run ./build.sh Pin first.");
        var osLock = OsLock.Load(paths.OsLock);

        var environments = new List<PythonEnvironmentSpec>();
        await using (var index = await IndexSession.OpenAsync(paths, leaves, access, log, context.CancellationToken).ConfigureAwait(false))
        {
            foreach (var env in candidate.PythonEnvironments)
            {
                var wheels = await WheelFetcher.FetchAsync(paths, env.Name, index.Source, log, context.CancellationToken).ConfigureAwait(false);
                environments.Add(new PythonEnvironmentSpec(env.Name, env.Path, paths.RequirementsLock(env.Name), wheels));
            }
        }

        var spec = new BakeSpec($"debian-12-{candidate.Name}", candidate.Version, osLock, environments,
            ConfigFiles(paths.Root, candidate), compressionLevel ?? candidate.CompressionLevel);
        var result = await CandidateBaker.BakeAsync(spec, new BakeOptions(paths.ImageCache, paths.Candidates, Progress: log.Info, StageProgress: log.Progress), context.CancellationToken)
            .ConfigureAwait(false);

        // The SBOMs come from the manifest and the locks, not from the clock: rewriting them gives the same bytes.
        var manifest = CandidateManifest.Load(result.ManifestPath);
        foreach (var sbom in SbomStep.Write(paths, result.Directory, manifest))
            log.Info($"  sbom   {paths.Relative(sbom)}");
        using (var key = Signing.Key(paths, signingKeyFile, log))
        {
            var envelope = Signing.SignFile(result.ProvenancePath, key);
            log.Info($"  signed {paths.Relative(envelope)} with sha256:{key.KeyId[..16]}");
        }

        var pointer = new CandidatePointer(result.Id, Path.GetFileName(result.TemplatePath), paths.Relative(result.TemplatePath),
            result.TemplateSha256, paths.Relative(result.ManifestPath), paths.Relative(result.ProvenancePath));
        pointer.Save(paths.CurrentCandidate);
        foreach (var stage in result.Stages)
            log.Info($"  stage {stage.Stage,-9} {(stage.CacheHit ? "cached" : "built"),-7} {stage.Seconds,7:0.0} s  key {stage.Key[..12]}");
        log.Info($"Candidate {result.Id}");
        log.Info($"  {pointer.Template}");
        context.ReportSummary("Candidate", $"{pointer.ShortId} ({pointer.File})");
        return pointer;
    }

    /// <summary>Files from config/candidate.yaml; a directory source contributes each file under it (sorted, caches skipped).</summary>
    internal static IReadOnlyList<ConfigFileSpec> ConfigFiles(string root, CandidateConfig candidate)
    {
        var specs = new List<ConfigFileSpec>();
        foreach (var file in candidate.Files)
        {
            var source = Path.Combine(root, file.Source);
            if (File.Exists(source))
            {
                specs.Add(new ConfigFileSpec(source, file.Destination, file.Mode));
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                         .Where(p => !p.Contains("__pycache__", StringComparison.Ordinal) && !p.EndsWith(".pyc", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
                specs.Add(new ConfigFileSpec(path, file.Destination.TrimEnd('/') + "/" + Path.GetRelativePath(source, path).Replace('\\', '/'), file.Mode));
        }

        return specs;
    }
}
