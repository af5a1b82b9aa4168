using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Providers;

/// <summary>
/// Runs the nodes of one environment somewhere (local LXC, a Proxmox VE cluster). The deployer plans and
/// specialises; a provider only creates, lists, executes in and destroys nodes, idempotently.
/// </summary>
public interface INodeProvider
{
    string Name { get; }

    /// <summary>Nodes of this environment that exist now, as recorded by the provider itself (tags, config).</summary>
    Task<IReadOnlyList<ObservedNode>> ListNodesAsync(EnvironmentSpec environment, CancellationToken cancellationToken);

    /// <summary>Makes the environment's network and the candidate's template available. Idempotent.</summary>
    Task PrepareAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken);

    /// <summary>Creates and starts one node from the candidate, recording candidate id and node digest on it.</summary>
    Task CreateNodeAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken);

    /// <summary>Runs a command inside a running node (no shell unless the command starts one).</summary>
    Task<CommandResult> ExecAsync(EnvironmentSpec environment, NodeSpec node, IReadOnlyList<string> command,
        TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Stops and removes one node and everything the provider made for it. Absent node: no-op.</summary>
    Task DestroyNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken);

    /// <summary>Removes what <see cref="PrepareAsync"/> made for the environment once its nodes are gone.</summary>
    Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken);
}
