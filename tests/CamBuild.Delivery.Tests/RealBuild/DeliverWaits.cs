using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Model;
using CamBuild.Pipeline;

namespace CamBuild.Delivery.Tests.RealBuild;

/// <summary>Waiting for a moment inside a running Deliver process (its journal and the containers the build's LXC provider lists).</summary>
internal static class DeliverWaits
{
    /// <summary>
    /// Waits until the running Deliver has finished at least one node of the rollout and another one is mid-swap: its
    /// journal says swapping and the container active under its hostname is already the new one (the old one stopped and
    /// kept, the new one booting or not yet healthy). Returns that node.
    /// </summary>
    public static async Task<string> UntilMidSwapAsync(PipelinePaths paths, EnvironmentSpec spec, BuildProcess deliver, TimeSpan limit)
    {
        string? found = null;
        await UntilAsync(async () =>
        {
            var journal = RolloutJournal.Load(paths.EnvironmentStates, spec.Name);
            if (journal is null || !journal.Entries.Any(entry => entry.Phase == SwapPhase.Swapped))
            {
                return false;
            }
            var swapping = journal.Entries.Where(entry => entry.Phase == SwapPhase.Swapping && entry.FromDigest is not null).ToList();
            IReadOnlyList<ObservedNode> observed;
            try
            {
                observed = await DeliverRoot.Provider.ListNodesAsync(spec, CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException)
            {
                return false; // a rename in progress
            }
            found = swapping.FirstOrDefault(entry => observed.Any(node => node.Hostname == entry.Hostname && node.NodeDigest == entry.ToDigest))?.Hostname;
            return found is not null;
        }, deliver, limit);
        return found!;
    }

    public static Task UntilAsync(Func<bool> condition, BuildProcess running, TimeSpan limit) =>
        UntilAsync(() => Task.FromResult(condition()), running, limit);

    public static async Task UntilAsync(Func<Task<bool>> condition, BuildProcess running, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.False(running.HasExited, $"the Deliver ended before the moment the test waits for:\n{running}");
            Assert.True(DateTime.UtcNow < until, $"the moment the test waits for did not come within {limit}:\n{running}");
            await Task.Delay(50);
        }
    }
}
