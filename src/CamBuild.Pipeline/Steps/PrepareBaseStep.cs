using CamBuild.Pipeline.Config;
using CamBuild.Pipeline.Interpreter;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>
/// PrepareBase: the OS lock (exact Debian versions and sha256 of every .deb), the base root filesystem built offline
/// from it (cached by its inputs), and the marker environment of the candidate's own Python.
/// </summary>
public static class PrepareBaseStep
{
    public static Task RunAsync(PipelinePaths paths, bool relockOs, TargetContext context) =>
        Caching.MachineCacheUse.RunAsync(paths, context.Log, () => RunCoreAsync(paths, relockOs, context), context.CancellationToken);

    private static async Task RunCoreAsync(PipelinePaths paths, bool relockOs, TargetContext context)
    {
        var leaves = LeavesConfig.Load(paths.Root);
        var candidate = CandidateConfig.Load(paths.Root, leaves);
        var probe = await CandidateInterpreter.EnsureAsync(paths, candidate, relockOs, context.Log, context.CancellationToken).ConfigureAwait(false);
        CandidateInterpreter.WriteMarkerEnvironment(paths, probe);
        context.ReportSummary("OS", $"{probe.OsLock.Packages.Count} debs, base {probe.Base.Key[..12]}{(probe.Base.CacheHit ? " (cached)" : "")}");
        context.ReportSummary("Python", probe.Environment.Describe());
    }
}
