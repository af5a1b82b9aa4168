using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Delivery.Rollout;

/// <summary>
/// Replaces one node by swap, and puts it back. Forward: (stand-by ready) stop the old container, swap, start the new
/// one, wait for its boot, write its site files, install and start its role units, wait for health. Back: stop whatever
/// is active, swap the previous container in (the failed one is destroyed), start it (its enabled units start with it),
/// wait for health. A new container must also pass its roles' verify checks (a proxy that answers but does not forward is
/// not delivered); the previous one, put back, only its health checks.
/// </summary>
internal sealed class NodeSwapper(INodeSwapProvider provider, RoleCatalog catalog, TimeSpan commandTimeout, TimeSpan healthTimeout)
{
    private readonly NodeSpecialiser specialiser = new(provider, catalog, commandTimeout);
    private readonly HealthChecker health = new(provider, catalog, healthTimeout);
    private readonly NodeBoot boot = new(provider, TimeSpan.FromSeconds(90));

    public async Task ForwardAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, string digest, CancellationToken cancellationToken)
    {
        await Step(node.Hostname, "stop previous container", () => provider.StopNodeAsync(environment, node.Hostname, cancellationToken)).ConfigureAwait(false);
        await Step(node.Hostname, "swap", () => provider.SwapAsync(environment, node.Hostname, digest, discardActive: false, cancellationToken)).ConfigureAwait(false);
        await Step(node.Hostname, "start", () => provider.StartNodeAsync(environment, node.Hostname, cancellationToken)).ConfigureAwait(false);
        await SpecialiseAsync(environment, node, candidateId, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string digest, CancellationToken cancellationToken)
    {
        await Step(node.Hostname, "create", () => provider.CreateNodeAsync(environment, node, candidate, digest, cancellationToken)).ConfigureAwait(false);
        await SpecialiseAsync(environment, node, candidate.Id.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A freshly started container from the candidate: wait for its boot, then site files, role services, health
    /// (the order DeployEnvironment uses).</summary>
    private async Task SpecialiseAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken)
    {
        var booted = await boot.WaitAsync(environment, node, cancellationToken).ConfigureAwait(false);
        await specialiser.WriteSiteFilesAsync(environment, node, candidateId, cancellationToken).ConfigureAwait(false);
        await specialiser.StartServicesAsync(environment, node, booted.Systemd, cancellationToken).ConfigureAwait(false);
        await health.WaitHealthyAsync(environment, node, cancellationToken).ConfigureAwait(false);
        await health.WaitVerifiedAsync(environment, node, cancellationToken).ConfigureAwait(false);
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
        var booted = await boot.WaitAsync(environment, node, cancellationToken).ConfigureAwait(false);
        if (!booted.Systemd)
        {
            await specialiser.StartServicesAsync(environment, node, systemd: false, cancellationToken).ConfigureAwait(false);
        }
        await health.WaitHealthyAsync(environment, node, cancellationToken).ConfigureAwait(false);
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
