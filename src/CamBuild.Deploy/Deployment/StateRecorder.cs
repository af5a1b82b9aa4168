using System.Collections.Concurrent;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Deployment;

/// <summary>The environment state record after a healthy deploy or rollout: each node's digest, live fingerprint and provider id.</summary>
internal static class StateRecorder
{
    public static async Task<EnvironmentState> RecordAsync(INodeProvider provider, EnvironmentSpec environment, string candidateId, DeployPlan plan,
        TimeSpan commandTimeout, int parallelism, CancellationToken cancellationToken)
    {
        var fingerprinter = new NodeFingerprinter(provider, commandTimeout);
        var observed = (await provider.ListNodesAsync(environment, cancellationToken).ConfigureAwait(false))
            .ToDictionary(node => node.Hostname, StringComparer.Ordinal);
        var fingerprints = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(environment.Nodes, NodeWork.Bounded(parallelism, cancellationToken),
            async (node, token) => fingerprints[node.Hostname] = await fingerprinter.FingerprintAsync(environment, node, candidateId, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        var digests = plan.Nodes.Where(node => node.NodeDigest is not null).ToDictionary(node => node.Hostname, node => node.NodeDigest!, StringComparer.Ordinal);
        return new EnvironmentState(environment.Name, provider.Name, candidateId, plan.ConfigHash, SiteFiles.SiteDigest(environment, candidateId),
            environment.Nodes.Select(node => new NodeState(node.Hostname, node.Address, node.Roles, digests[node.Hostname],
                fingerprints[node.Hostname], observed.GetValueOrDefault(node.Hostname)?.ProviderId ?? "")).ToList());
    }
}
