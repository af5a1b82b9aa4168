using System.Collections.Concurrent;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Deployment;

/// <param name="StateDirectory">Where <c>&lt;env&gt;.json</c> state records and <c>&lt;env&gt;.lock</c> live.</param>
/// <param name="MaxParallelism">How many nodes are worked on at once.</param>
/// <param name="HealthTimeout">How long a node's health (and verify) checks may take to pass.</param>
/// <param name="BootTimeout">How long a started node's systemd may take to finish booting.</param>
public sealed record SessionPolicy(string StateDirectory, int MaxParallelism, TimeSpan CommandTimeout, TimeSpan HealthTimeout, TimeSpan BootTimeout);

/// <summary>What a plan was made from: the desired node digests and what the provider reported running.</summary>
public sealed record PlannedEnvironment(DeployPlan Plan, IReadOnlyDictionary<string, string> Digests, IReadOnlyList<ObservedNode> Observed,
    EnvironmentState? Previous);

/// <summary>
/// The one set-up that DeployEnvironment, Deliver and Status share on an environment: the provider, the role catalog, the
/// state store and the policy (timeouts, parallelism), with the steps each of them takes on a node (boot, site files, role
/// services, health and verify checks, fingerprint) and on the whole environment (plan, refresh the site files of kept
/// nodes, record the state). Callers outside this library see only this facade, not the pieces behind it.
/// </summary>
public sealed class EnvironmentSession
{
    private readonly INodeProvider provider;
    private readonly RoleCatalog catalog;
    private readonly NodeSpecialiser specialiser;
    private readonly HealthChecker health;
    private readonly NodeBoot boot;
    private readonly Action<string> log;

    public EnvironmentSession(INodeProvider provider, RoleCatalog catalog, SessionPolicy policy, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.provider = provider;
        this.catalog = catalog;
        Policy = policy;
        this.log = log ?? (_ => { });
        Store = new EnvironmentStateStore(policy.StateDirectory);
        specialiser = new NodeSpecialiser(provider, catalog, policy.CommandTimeout, policy.BootTimeout);
        health = new HealthChecker(provider, catalog, policy.HealthTimeout);
        boot = new NodeBoot(provider, policy.BootTimeout);
    }

    public SessionPolicy Policy { get; }

    /// <summary>The same session with another health timeout (a rollout's own <c>health_timeout</c>).</summary>
    public EnvironmentSession WithHealthTimeout(TimeSpan timeout) => new(provider, catalog, Policy with { HealthTimeout = timeout }, log);

    public EnvironmentStateStore Store { get; }

    /// <summary>Takes the environment's lock (DeployEnvironment, Deliver and Rollback never run at once on one environment).</summary>
    public IDisposable Lock(string environment, string? purpose = null) => EnvironmentLock.Acquire(Policy.StateDirectory, environment, purpose);

    /// <summary>Desired against actual (the recorded state and what the provider lists), logged as the plan table.</summary>
    public async Task<PlannedEnvironment> PlanAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(candidate);
        var digests = environment.Nodes.ToDictionary(node => node.Hostname,
            node => DeployDigests.NodeDigest(environment, node, candidate.Id.Value, catalog), StringComparer.Ordinal);
        var observed = await provider.ListNodesAsync(environment, cancellationToken).ConfigureAwait(false);
        var previous = Store.Load(environment.Name);
        return new PlannedEnvironment(DeployPlanner.Plan(environment, candidate.Id.Value, digests, observed, previous), digests, observed, previous);
    }

    /// <summary>The plan as the table every run prints.</summary>
    public static string Render(DeployPlan plan) => PlanTable.Render(plan).TrimEnd();

    public Task<BootReport> WaitBootedAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken) =>
        boot.WaitAsync(environment, node, cancellationToken);

    public Task WriteSiteFilesAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken) =>
        specialiser.WriteSiteFilesAsync(environment, node, candidateId, cancellationToken);

    /// <summary>Installs and starts the node's role services: systemd units, or detached on a node without its own systemd.</summary>
    public Task StartServicesAsync(EnvironmentSpec environment, NodeSpec node, bool systemd, CancellationToken cancellationToken) =>
        specialiser.StartServicesAsync(environment, node, systemd, cancellationToken);

    public Task WaitHealthyAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken) =>
        health.WaitHealthyAsync(environment, node, cancellationToken);

    /// <summary>The roles' verify checks (a proxy that answers but does not forward fails them).</summary>
    public Task WaitVerifiedAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken) =>
        health.WaitVerifiedAsync(environment, node, cancellationToken);

    /// <summary>The node's live fingerprint (candidate, managed files, role units), as the state record keeps it.</summary>
    public Task<string> FingerprintAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken) =>
        new NodeFingerprinter(provider, Policy.CommandTimeout).FingerprintAsync(environment, node, candidateId, cancellationToken);

    /// <summary>Kept nodes get the new site files when the site itself changed since <paramref name="previous"/> (a node was added or removed).</summary>
    public async Task RefreshKeptSiteFilesAsync(EnvironmentSpec environment, DeployPlan plan, string candidateId, EnvironmentState? previous,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (previous?.SiteDigest == SiteFiles.SiteDigest(environment, candidateId))
        {
            return;
        }
        await ForEachAsync(plan.With(NodeAction.Keep).ToList(),
            (node, token) => specialiser.WriteSiteFilesAsync(environment, node.Desired!, candidateId, token), failures, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fingerprints every node and saves the environment's state record (after a healthy deploy or rollout).</summary>
    public async Task<EnvironmentState> RecordAsync(EnvironmentSpec environment, string candidateId, DeployPlan plan, CancellationToken cancellationToken)
    {
        var state = await StateRecorder.RecordAsync(provider, environment, candidateId, plan, Policy.CommandTimeout, Policy.MaxParallelism,
            cancellationToken).ConfigureAwait(false);
        Store.Save(state);
        return state;
    }

    /// <summary>Runs <paramref name="work"/> for every planned node, at most <see cref="SessionPolicy.MaxParallelism"/> at once;
    /// a node's failure is collected (and logged), never the run's crash.</summary>
    public Task ForEachAsync(IReadOnlyList<PlannedNode> nodes, Func<PlannedNode, CancellationToken, Task> work,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken) =>
        ForEachAsync(nodes, node => node.Hostname, work, failures, cancellationToken);

    public Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, string> hostname, Func<T, CancellationToken, Task> work,
        ConcurrentBag<NodeFailure> failures, CancellationToken cancellationToken) =>
        NodeWork.ForEachAsync(items, hostname, work, Policy.MaxParallelism, failures, log, cancellationToken);

    /// <summary>Parallel options bounded by the policy, for work whose failures are not per node.</summary>
    public ParallelOptions Bounded(CancellationToken cancellationToken) => NodeWork.Bounded(Policy.MaxParallelism, cancellationToken);

    /// <summary>The run itself was cancelled (Ctrl-C, build timeout): not a node failure.</summary>
    public static bool IsCancellation(Exception exception, CancellationToken cancellationToken) => NodeWork.IsCancellation(exception, cancellationToken);
}
