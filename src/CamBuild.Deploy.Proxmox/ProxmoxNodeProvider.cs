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
public sealed partial class ProxmoxNodeProvider(string secret, ProxmoxProviderOptions? options = null) : INodeSwapProvider, IDisposable
{
    private readonly ProxmoxProviderOptions _options = options ?? new ProxmoxProviderOptions();
    private readonly ConcurrentDictionary<string, Lazy<ProxmoxSession>> _sessions = new(StringComparer.Ordinal);

    public string Name => "proxmox";

    /// <summary>API requests sent so far over all environments (including retries and logins).</summary>
    public int ApiCalls => _sessions.Values.Where(s => s.IsValueCreated).Sum(s => s.Value.Transport.Calls);

    internal ProxmoxSession SessionFor(EnvironmentSpec environment)
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
        return containers.Where(c => !c.IsStandby).Select(c => new ObservedNode(c.Hostname, c.Description?.CandidateId ?? "", c.Description?.NodeDigest ?? "", c.Running,
            c.ProviderId)).ToList();
    }

    /// <summary>Checks every setting (SSH key, known_hosts, members, storages) before the first change, then the template.</summary>
    public async Task PrepareAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var session = SessionFor(environment);
        await session.CheckSettingsAsync(cancellationToken).ConfigureAwait(false);
        await TemplateStore.EnsureAsync(session, candidate, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateNodeAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        var session = SessionFor(environment);
        await session.CheckSettingsAsync(cancellationToken).ConfigureAwait(false);
        await new NodeCreator(session, _options).CreateAsync(node, candidate, nodeDigest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <c>pct exec</c> on the member of the node's CT, located from what this session knows (no cluster-wide
    /// listing per command); a CT that is not running is reported as such.
    /// </summary>
    public async Task<CommandResult> ExecAsync(EnvironmentSpec environment, NodeSpec node, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var session = SessionFor(environment);
        var container = await session.LocateAsync(node.Hostname, cancellationToken).ConfigureAwait(false)
            ?? throw new ProxmoxNodeException($"environment '{environment.Name}': node '{node.Hostname}' has no container; deploy the environment first.");
        var result = await session.ShellFor(container.Member).PctExecAsync(container.Vmid, command, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && result.StandardError.Contains("not running", StringComparison.OrdinalIgnoreCase))
        {
            var status = await session.Api.GetContainerStatusAsync(container.Member, container.Vmid, cancellationToken).ConfigureAwait(false);
            if (!status.Running)
                throw new ProxmoxNodeException($"environment '{environment.Name}': node '{node.Hostname}' (CT {container.Vmid} on {container.Member}) is " +
                    $"{status.Status}, not running; redeploy to replace it.");
        }
        return result;
    }

    public async Task DestroyNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        // The active node only: its stand-bys go through DestroyStandbyAsync (or Teardown).
        var candidates = session.Known.Values.Where(c => c.Hostname == hostname && !c.IsStandby).ToList();
        if (candidates.Count == 0)
            candidates = (await session.FindContainersAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Hostname == hostname && !c.IsStandby).ToList();
        foreach (var known in candidates)
        {
            // What this session remembers is checked again: the vmid must still be this environment's active CT of that hostname.
            var current = await session.InspectAsync(known.Member, known.Vmid, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Hostname != hostname || current.IsStandby
                || (current.Description is { } d && d.Environment != environment.Name))
            {
                session.Forget(known.Vmid);
                continue;
            }
            await session.DestroyAsync(current.Member, current.Vmid, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        var leftovers = await session.FindContainersAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(leftovers.Select(c => session.DestroyAsync(c.Member, c.Vmid, cancellationToken))).ConfigureAwait(false);
        if (session.Settings.RemoveTemplateOnTeardown)
        {
            // The CT templates of linked clones last: Proxmox refuses to delete a base volume its clones still use.
            foreach (var template in session.KnownTemplates.Values.OrderBy(t => t.Vmid).ToList())
            {
                await session.DestroyAsync(template.Member, template.Vmid, cancellationToken).ConfigureAwait(false);
                session.Log($"removed CT template {template.Vmid} on {template.Member}");
            }
            await TemplateCleanup.RemoveAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated)) session.Value.Dispose();
    }
}
