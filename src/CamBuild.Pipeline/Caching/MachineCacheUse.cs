using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Caching;

/// <summary>
/// How a step uses the machine cache: this clone registered (so collection keeps what its candidates need), the shared
/// use lock held while it works (collection waits for it), then the automatic collection when the cache grew past its limit.
/// </summary>
public static class MachineCacheUse
{
    public static async Task<T> RunAsync<T>(PipelinePaths paths, IBuildLog log, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(work);
        var cache = paths.MachineCache;
        T result;
        using (await cache.UseAsync(cancellationToken).ConfigureAwait(false))
        {
            cache.Register(paths.Artifacts);
            result = await work().ConfigureAwait(false);
        }
        await MachineCacheCollector.CollectIfOverLimitAsync(cache, paths.Artifacts, paths.MachineCacheLimit, log, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public static Task RunAsync(PipelinePaths paths, IBuildLog log, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(paths, log, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }
}
