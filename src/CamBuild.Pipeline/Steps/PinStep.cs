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
    public const string ConstraintsPath = CandidateConfig.DefaultConstraints;

    /// <summary>The constraints files environments name besides config/constraints.txt (remembered by the config's content).</summary>
    public static IEnumerable<string> InputFiles(PipelinePaths paths) =>
        DerivedInputs.Remembered(paths.Root, paths.Cache, "pin-inputs", [CandidateConfig.RelativePath, LeavesConfig.RelativePath], () =>
            CandidateConfig.Load(paths.Root, LeavesConfig.Load(paths.Root)).PythonEnvironments
                .Select(e => e.Constraints).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

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
        await using var index = await IndexSession.OpenAsync(paths, leavesConfig, access, log, context.CancellationToken).ConfigureAwait(false);

        foreach (var env in candidate.PythonEnvironments)
        {
            var constraints = await ConstraintsOf(paths, env, context.CancellationToken).ConfigureAwait(false);
            var environment = CandidateInterpreter.LoadMarkerEnvironment(paths, env.Interpreter);
            ResolutionResult result;
            try
            {
                var subset = await LeavesFor(env, leaves, leavesConfig, index.Source, environment, context.CancellationToken).ConfigureAwait(false);
                result = await new DependencyResolver(index.Source, environment)
                    .ResolveAsync(ResolutionRequest.FromLeaves(subset, constraints), context.CancellationToken).ConfigureAwait(false);
            }
            catch (PythonPackagingException e)
            {
                throw new BuildInputException($"Python environment '{env.Name}' ({env.Interpreter}): {e.Message}", e);
            }

            foreach (var warning in result.Warnings) log.Warn(warning);
            var lockPath = paths.RequirementsLock(env.Name);
            var previous = File.Exists(lockPath)
                ? RequirementsLockParser.Load(lockPath, paths.Relative(lockPath))
                : [];
            var changes = LockDiff.Compare(previous, LockedPackages.From(result));

            AtomicFile.WriteAllText(lockPath, RequirementsLockWriter.Write(result, RegenerateCommand));
            AtomicFile.WriteAllText(paths.Pylock(env.Name), PylockWriter.Write(result));
            log.Info($"Environment '{env.Name}' ({env.Interpreter} {environment.PythonFullVersion}, {(env.SiteWide ? "site-wide under " : "venv ")}{env.Path}): {result.Packages.Count} packages pinned -> {paths.Relative(lockPath)}");
            log.Info(changes.Count == 0 ? "  No change against the previous lock." : LockDiff.RenderTable(changes));
            context.ReportSummary($"{env.Name}", $"{env.Interpreter}: {result.Packages.Count} packages, {changes.Count} changed");
        }
    }

    /// <summary>The environment's own constraints file (or config/constraints.txt when it names none and that exists).</summary>
    private static async Task<IReadOnlyList<ConstraintRequirement>> ConstraintsOf(PipelinePaths paths, PythonEnvironmentConfig env, CancellationToken cancellationToken)
    {
        if (env.ConstraintsFile(paths.Root) is not { } relative) return [];
        var text = await File.ReadAllTextAsync(Path.Combine(paths.Root, relative), cancellationToken).ConfigureAwait(false);
        return ConstraintParser.Parse(text, relative);
    }

    /// <summary>
    /// The environment's leaves: from leaves.json (resolved by ResolveLeaves for the default python3) when the
    /// environment uses it; for another interpreter the latest build of each leaf installable on that interpreter,
    /// found the same way for its own marker environment.
    /// </summary>
    private static async Task<LeafSet> LeavesFor(PythonEnvironmentConfig env, LeafSet resolved, LeavesConfig config,
        CamBuild.Python.Index.IPackageSource source, CamBuild.Python.Markers.MarkerEnvironment environment, CancellationToken cancellationToken)
    {
        var wanted = env.Leaves.Select(PackageName.Normalize).ToHashSet();
        if (env.Interpreter == DebianPython.Default)
            return new LeafSet(resolved.Leaves.Where(l => wanted.Contains(PackageName.Normalize(l.Name))));
        var specs = config.Leaves.Where(l => wanted.Contains(PackageName.Normalize(l.Name)))
            .Select(l => new LeafSpec(l.Name, l.AllowPrereleases, l.AllowDev)).ToList();
        return await LeafResolver.ResolveAsync(specs, source, environment, cancellationToken).ConfigureAwait(false);
    }
}
