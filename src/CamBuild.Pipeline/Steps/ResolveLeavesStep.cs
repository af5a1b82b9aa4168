using System.Net;
using CamBuild.Pipeline.Config;
using CamBuild.Pipeline.Index;
using CamBuild.Pipeline.Interpreter;
using CamBuild.Python;
using CamBuild.Python.Leaves;
using CamBuild.Targets;
using CamBuild.Targets.Caching;

namespace CamBuild.Pipeline.Steps;

/// <summary>ResolveLeaves: config/leaves.yaml + the index -> artifacts/leaves.json (latest installable build of each leaf).</summary>
public static class ResolveLeavesStep
{
    public static Task RunAsync(PipelinePaths paths, IndexAccess access, TargetContext context) =>
        RunCoreAsync(paths, access, context);

    private static async Task RunCoreAsync(PipelinePaths paths, IndexAccess access, TargetContext context)
    {
        var leaves = LeavesConfig.Load(paths.Root);
        var environment = CandidateInterpreter.LoadMarkerEnvironment(paths);
        await using var index = await IndexSession.OpenAsync(paths, leaves, access, context.Log, context.CancellationToken).ConfigureAwait(false);

        var specs = leaves.Leaves.Select(l => new LeafSpec(l.Name, l.AllowPrereleases, l.AllowDev)).ToList();
        LeafSet set;
        try
        {
            set = await LeafResolver.ResolveAsync(specs, index.Source, environment, context.CancellationToken).ConfigureAwait(false);
        }
        catch (PythonPackagingException e)
        {
            throw new BuildInputException($"{e.Message} (leaves from {LeavesConfig.RelativePath})", e);
        }

        AtomicFile.WriteAllText(paths.LeavesJson, set.ToJson());
        foreach (var leaf in set.Leaves)
            context.Log.Info($"  {leaf.Name,-12} {leaf.Version,-10} {leaf.File}");
        context.ReportSummary("Leaves", string.Join(", ", set.Leaves.Select(l => $"{l.Name} {l.Version}")));
    }

    /// <summary>What the index serves, for the cache key: the sample sources for the embedded index, else the leaves' file lists.</summary>
    public static string IndexState(PipelinePaths paths, IndexAccess access)
    {
        if (ConfiguredIndex(paths) == LeavesConfig.Embedded) return "embedded:" + EmbeddedIndex.SourceDigest(paths.Root);
        var leaves = LeavesConfig.Load(paths.Root);
        using var source = new CamBuild.PackageIndex.Client.HttpPackageSource(new Uri(leaves.Index),
            new CamBuild.PackageIndex.Client.HttpPackageSourceOptions { Credential = access.Credential });
        var files = leaves.Leaves.SelectMany(l => source.GetFilesAsync(l.Name, CancellationToken.None).GetAwaiter().GetResult())
            .Select(f => $"{f.FileName} {f.Sha256} {f.YankedReason}").Order(StringComparer.Ordinal);
        return leaves.Index + "\n" + string.Join("\n", files);
    }

    /// <summary>
    /// The configured index, remembered by the hash of config/leaves.yaml: a cached run then decides "embedded" without
    /// loading the YAML parser (the biggest share of a fully cached run's start-up).
    /// </summary>
    private static string ConfiguredIndex(PipelinePaths paths)
    {
        var file = Path.Combine(paths.Root, LeavesConfig.RelativePath);
        if (!File.Exists(file)) return LeavesConfig.Load(paths.Root).Index;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
        var memo = Path.Combine(paths.Cache, "configured-index", hash);
        if (File.Exists(memo)) return File.ReadAllText(memo);
        var index = LeavesConfig.Load(paths.Root).Index;
        AtomicFile.WriteAllText(memo, index);
        return index;
    }
}
