using System.Collections.Concurrent;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Proxmox.Formats;
using CamBuild.Deploy.Proxmox.Provider;

namespace CamBuild.Deploy.Proxmox;

/// <summary>
/// Runs an environment's nodes as unprivileged LXC containers on a Proxmox VE cluster (REST API for the
/// lifecycle, SSH + <c>pct exec</c> on the cluster member for commands). Containers are found again by their tags
/// (<c>cambuild</c>, <c>cambuild-env-&lt;name&gt;</c>), so re-runs never duplicate them.
/// </summary>
/// <param name="secret">API token secret (auth=token) or password (auth=ticket); never part of the environment spec.</param>
public sealed class ProxmoxNodeProvider(string secret, ProxmoxProviderOptions? options = null) : INodeProvider, IDisposable
{
    private readonly ProxmoxProviderOptions _options = options ?? new ProxmoxProviderOptions();
    private readonly ConcurrentDictionary<string, Lazy<ProxmoxSession>> _sessions = new(StringComparer.Ordinal);

    public string Name => "proxmox";

    /// <summary>API requests sent so far over all environments (including retries and logins).</summary>
    public int ApiCalls => _sessions.Values.Where(s => s.IsValueCreated).Sum(s => s.Value.Transport.Calls);

    public ProxmoxSession SessionFor(EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = ProxmoxSettings.FromEnvironment(environment);
        var key = environment.Name + "\n" + settings.ApiUrl;
        return _sessions.GetOrAdd(key, _ => new Lazy<ProxmoxSession>(() => new ProxmoxSession(environment, settings, secret, _options))).Value;
    }

    public async Task<IReadOnlyList<ObservedNode>> ListNodesAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        var containers = await session.FindContainersAsync(cancellationToken).ConfigureAwait(false);
        var observed = await Task.WhenAll(containers.Select(async c =>
        {
            var config = await session.Api.GetContainerConfigAsync(c.Member, c.Vmid, cancellationToken).ConfigureAwait(false);
            var description = NodeDescription.Parse(config.GetValueOrDefault("description"));
            return new ObservedNode(description?.Hostname ?? config.GetValueOrDefault("hostname") ?? c.Hostname,
                description?.CandidateId ?? "", description?.NodeDigest ?? "", c.Running, c.ProviderId);
        })).ConfigureAwait(false);
        return observed;
    }

    public Task PrepareAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return TemplateStore.EnsureAsync(SessionFor(environment), candidate, cancellationToken);
    }

    public Task CreateNodeAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        return new NodeCreator(SessionFor(environment), _options).CreateAsync(node, candidate, nodeDigest, cancellationToken);
    }

    public async Task<CommandResult> ExecAsync(EnvironmentSpec environment, NodeSpec node, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var session = SessionFor(environment);
        var containers = await session.FindContainersAsync(cancellationToken).ConfigureAwait(false);
        var container = containers.FirstOrDefault(c => c.Hostname == node.Hostname)
            ?? throw new ProxmoxNodeException($"environment '{environment.Name}': node '{node.Hostname}' has no container; deploy the environment first.");
        if (!container.Running)
            throw new ProxmoxNodeException($"environment '{environment.Name}': node '{node.Hostname}' (CT {container.Vmid} on {container.Member}) is " +
                $"{container.Status}, not running; redeploy to start it.");
        return await session.ShellFor(container.Member).PctExecAsync(container.Vmid, command, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task DestroyNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        var containers = await session.FindContainersAsync(cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => c.Hostname == hostname))
            await session.DestroyAsync(container.Member, container.Vmid, cancellationToken).ConfigureAwait(false);
    }

    public async Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        var leftovers = await session.FindContainersAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(leftovers.Select(c => session.DestroyAsync(c.Member, c.Vmid, cancellationToken))).ConfigureAwait(false);
        if (session.Settings.RemoveTemplateOnTeardown)
            await TemplateCleanup.RemoveAsync(session, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated)) session.Value.Dispose();
    }
}
