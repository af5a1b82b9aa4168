using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;

namespace CamBuild.Delivery.Rollout;

/// <summary>
/// Replaces one node by swap, and puts it back. Forward: (stand-by ready) stop the old container, swap, start the new
/// one, wait for its boot, write its site files, install and start its role units, wait for health. Back: stop whatever
/// is active, swap the previous container in (the failed one is destroyed), start it (its enabled units start with it),
/// wait for health. A new container must also pass its roles' verify checks (a proxy that answers but does not forward is
/// not delivered); the previous one, put back, only its health checks.
/// </summary>
internal sealed class NodeSwapper(INodeSwapProvider provider, EnvironmentSession session)
{

    /// <summary>The first half of a forward swap (the second is <see cref="SettleAsync"/>): stop the old container, swap the
    /// stand-by in, start it.</summary>
    public async Task ActivateAsync(EnvironmentSpec environment, NodeSpec node, string digest, CancellationToken cancellationToken)
    {
        await Step(node.Hostname, "stop previous container", () => provider.StopNodeAsync(environment, node.Hostname, cancellationToken)).ConfigureAwait(false);
        await Step(node.Hostname, "swap", () => provider.SwapAsync(environment, node.Hostname, digest, discardActive: false, cancellationToken)).ConfigureAwait(false);
        await Step(node.Hostname, "start", () => provider.StartNodeAsync(environment, node.Hostname, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A new node's first half: created (and started) from the candidate.</summary>
    public Task CreateAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string digest, CancellationToken cancellationToken) =>
        Step(node.Hostname, "create", () => provider.CreateNodeAsync(environment, node, candidate, digest, cancellationToken));

    /// <summary>A freshly started container from the candidate: wait for its boot, then site files, role services, health
    /// and verify checks (the order DeployEnvironment uses).</summary>
    public async Task SettleAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken)
    {
        var booted = await session.WaitBootedAsync(environment, node, cancellationToken).ConfigureAwait(false);
        await session.WriteSiteFilesAsync(environment, node, candidateId, cancellationToken).ConfigureAwait(false);
        await session.StartServicesAsync(environment, node, booted.Systemd, cancellationToken).ConfigureAwait(false);
        await session.WaitHealthyAsync(environment, node, cancellationToken).ConfigureAwait(false);
        await session.WaitVerifiedAsync(environment, node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the node's previous container back (or removes a node that was new), then checks its health.</summary>
    public async Task BackAsync(EnvironmentSpec environment, NodeSpec node, JournalEntry entry, CancellationToken cancellationToken)
    {
        await provider.StopNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
        if (entry.FromDigest is null)
        {
            await provider.DestroyNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
            return;
        }
        await provider.SwapAsync(environment, node.Hostname, entry.FromDigest, discardActive: true, cancellationToken).ConfigureAwait(false);
        await provider.StartNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
        // The previous container still holds its own site files and its enabled role units, which its systemd starts at
        // boot; only a node without its own systemd needs its (detached) services started again.
        var booted = await session.WaitBootedAsync(environment, node, cancellationToken).ConfigureAwait(false);
        if (!booted.Systemd)
        {
            await session.StartServicesAsync(environment, node, systemd: false, cancellationToken).ConfigureAwait(false);
        }
        await session.WaitHealthyAsync(environment, node, cancellationToken).ConfigureAwait(false);
    }

    private static async Task Step(string hostname, string step, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not NodeStepException)
        {
            throw new NodeStepException(hostname, step, exception.Message, []);
        }
    }
}
