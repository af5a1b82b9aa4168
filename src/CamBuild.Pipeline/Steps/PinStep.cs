using System.Net;
using CamBuild.Pipeline.Config;
using CamBuild.Pipeline.Index;
using CamBuild.Pipeline.Interpreter;
using CamBuild.Python.Leaves;
using CamBuild.Python.Locks;
using CamBuild.Python.Resolution;
using CamBuild.Python.Versions;
using CamBuild.Python;
using CamBuild.Targets.Caching;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>
/// Pin: leaves.json + config/constraints.txt, resolved for the candidate's interpreter -> per Python environment
/// artifacts/locks/&lt;env&gt;/requirements.txt and pylock.toml (the OS lock comes from PrepareBase); prints a diff
/// against the previous lock.
/// </summary>
public static class PinStep
{
    public const string ConstraintsPath = "config/constraints.txt";
    public const string RegenerateCommand = "./build.sh Pin";

    public static Task RunAsync(PipelinePaths paths, IndexAccess access, TargetContext context) =>
        RunCoreAsync(paths, access, context);

    private static async Task RunCoreAsync(PipelinePaths paths, IndexAccess access, TargetContext context)
    {
        var log = context.Log;
        var leavesConfig = LeavesConfig.Load(paths.Root);
        var candidate = CandidateConfig.Load(paths.Root, leavesConfig);
        if (!File.Exists(paths.LeavesJson))
            throw new BuildInputException($"{paths.Relative(paths.LeavesJson)} not found: run ./build.sh ResolveLeaves first (or Pin without --skip).");
        var leaves = LeafSet.Parse(await File.ReadAllTextAsync(paths.LeavesJson, context.CancellationToken).ConfigureAwait(false), paths.Relative(paths.LeavesJson));
        var constraintsFile = Path.Combine(paths.Root, ConstraintsPath);
        var constraints = File.Exists(constraintsFile)
            ? ConstraintParser.Parse(await File.ReadAllTextAsync(constraintsFile, context.CancellationToken).ConfigureAwait(false), ConstraintsPath)
            : [];

        var environment = CandidateInterpreter.LoadMarkerEnvironment(paths);
        await using var index = await IndexSession.OpenAsync(paths, leavesConfig, access, log, context.CancellationToken).ConfigureAwait(false);

        foreach (var env in candidate.PythonEnvironments)
        {
            var wanted = env.Leaves.Select(PackageName.Normalize).ToHashSet();
            var subset = new LeafSet(leaves.Leaves.Where(l => wanted.Contains(PackageName.Normalize(l.Name))));
            ResolutionResult result;
            try
            {
                result = await new DependencyResolver(index.Source, environment)
                    .ResolveAsync(ResolutionRequest.FromLeaves(subset, constraints), context.CancellationToken).ConfigureAwait(false);
            }
            catch (PythonPackagingException e)
            {
                throw new BuildInputException($"Python environment '{env.Name}': {e.Message}", e);
            }

            foreach (var warning in result.Warnings) log.Warn(warning);
            var lockPath = paths.RequirementsLock(env.Name);
            var previous = File.Exists(lockPath)
                ? RequirementsLockParser.Load(lockPath, paths.Relative(lockPath))
                : [];
            var changes = LockDiff.Compare(previous, LockedPackages.From(result));

            AtomicFile.WriteAllText(lockPath, RequirementsLockWriter.Write(result, RegenerateCommand));
            AtomicFile.WriteAllText(paths.Pylock(env.Name), PylockWriter.Write(result));
            log.Info($"Environment '{env.Name}' ({env.Path}): {result.Packages.Count} packages pinned -> {paths.Relative(lockPath)}");
            log.Info(changes.Count == 0 ? "  No change against the previous lock." : LockDiff.RenderTable(changes));
            context.ReportSummary($"{env.Name}", $"{result.Packages.Count} packages, {changes.Count} changed");
        }

    }
}
