using CamBuild.Common.Caching;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Caching;

/// <summary>The Gc target and Clean's --clean-machine-cache.</summary>
public static class CacheSteps
{
    /// <summary>How long Gc waits for builds that use the machine cache before giving up (naming the holder is impossible: they share).</summary>
    private static readonly LockWait GcWait = LockWait.UpTo(TimeSpan.FromMinutes(10));

    public static async Task CollectAsync(PipelinePaths paths, TargetContext context)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(context);
        var plan = await MachineCacheCollector.CollectAsync(paths.MachineCache, paths.Artifacts, paths.MachineCacheLimit, GcWait, context.Log,
            context.CancellationToken).ConfigureAwait(false);
        context.ReportSummary("Machine cache", $"{MachineCacheCollector.Size(plan.BytesAfter)} after removing {plan.Remove.Count} entries");
    }

    /// <summary>Removes every entry of the machine cache, once no build uses it.</summary>
    public static async Task EmptyAsync(PipelinePaths paths, TargetContext context)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(context);
        var cache = paths.MachineCache;
        if (!Directory.Exists(cache.Root)) return;
        using (await cache.CollectAsync(GcWait, context.CancellationToken).ConfigureAwait(false))
        {
            foreach (var folder in new[] { cache.Images, cache.Wheels, cache.Clones }.Where(Directory.Exists))
            {
                MachineCache.Discard(folder);
                context.Log.Info($"Removed {folder}");
            }
        }
    }
}
