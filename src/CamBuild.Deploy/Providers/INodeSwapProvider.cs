using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Providers;

/// <summary>What a stand-by container is for: a replacement being prepared, or an earlier release kept stopped.</summary>
public enum StandbyKind
{
    /// <summary>Created (stopped) beside the active node for the rollout in progress.</summary>
    Next,

    /// <summary>A node that was active before, kept stopped for an instant rollback.</summary>
    Kept,
}

/// <param name="Hostname">The node it stands by for (same hostname and address as the active one).</param>
/// <param name="KeptAt">When it stopped being active (<see cref="StandbyKind.Kept"/>); null for <see cref="StandbyKind.Next"/>.</param>
/// <param name="ProviderId">The provider's own handle (container name, VMID).</param>
public sealed record StandbyNode(string Hostname, StandbyKind Kind, string CandidateId, string NodeDigest, DateTimeOffset? KeptAt, string ProviderId);

/// <summary>
/// A provider that can replace a node by swap instead of destroy-then-create: the new container is created stopped
/// beside the active one (same hostname and address), the active one stops, the stand-by becomes the active node and
/// starts; the previous one stays as a stopped stand-by until it is destroyed. Every operation is idempotent, so a run
/// killed at any moment leaves a state the next run can read back with <see cref="ListStandbyAsync"/> and converge from.
/// </summary>
public interface INodeSwapProvider : INodeProvider
{
    /// <summary>Stand-by containers of the environment (never the active nodes <see cref="INodeProvider.ListNodesAsync"/> lists).</summary>
    Task<IReadOnlyList<StandbyNode>> ListStandbyAsync(EnvironmentSpec environment, CancellationToken cancellationToken);

    /// <summary>Creates a <see cref="StandbyKind.Next"/> container for <paramref name="node"/>, stopped. Replaces one with the same digest.</summary>
    Task CreateStandbyAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken);

    /// <summary>Stops the active node <paramref name="hostname"/>; already stopped or absent: no-op.</summary>
    Task StopNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken);

    /// <summary>Starts the active node <paramref name="hostname"/> and waits until it runs; already running: no-op.</summary>
    Task StartNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken);

    /// <summary>
    /// With the active node stopped: it becomes a <see cref="StandbyKind.Kept"/> stand-by (or is destroyed when
    /// <paramref name="discardActive"/>), and the stand-by carrying <paramref name="nodeDigest"/> (kept first, else next)
    /// becomes the active node, still stopped. No active node: the stand-by just becomes active.
    /// </summary>
    Task SwapAsync(EnvironmentSpec environment, string hostname, string nodeDigest, bool discardActive, CancellationToken cancellationToken);

    /// <summary>Removes one stand-by container and everything the provider made for it; absent: no-op.</summary>
    Task DestroyStandbyAsync(EnvironmentSpec environment, StandbyNode standby, CancellationToken cancellationToken);
}
