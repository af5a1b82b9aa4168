using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Formats;
using CamBuild.Deploy.Proxmox.Provider;

namespace CamBuild.Deploy.Proxmox;

/// <summary>
/// Swap on Proxmox VE. Every CT of a hostname carries the node's hostname and address; which one is the node is written
/// in its description: no slot for the active CT, <c>cambuild-slot: next</c> for a stand-by created (stopped) for the
/// rollout in progress, <c>cambuild-slot: kept</c> (with <c>cambuild-kept-at</c>) for an earlier active CT kept stopped.
/// A swap is two synchronous config updates of stopped CTs (the active one demoted first, then the stand-by promoted),
/// so a run killed between them leaves no active CT and the kept one, which the next run's restore promotes again; it
/// never leaves two active CTs of one hostname. The API calls are create (stopped), status/stop, status/start, PUT
/// config (description) and DELETE.
/// </summary>
public sealed partial class ProxmoxNodeProvider
{
    public async Task<IReadOnlyList<StandbyNode>> ListStandbyAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var containers = await SessionFor(environment).FindContainersAsync(cancellationToken).ConfigureAwait(false);
        return containers.Where(c => c.IsStandby && c.Description!.Environment == environment.Name)
            .Select(c => new StandbyNode(c.Hostname, c.Description!.Slot == NodeDescription.KeptSlot ? StandbyKind.Kept : StandbyKind.Next,
                c.Description.CandidateId, c.Description.NodeDigest, c.Description.KeptAt, c.ProviderId))
            .ToList();
    }

    public async Task CreateStandbyAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(nodeDigest);
        var session = SessionFor(environment);
        await session.CheckSettingsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var same in (await session.FindContainersAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.Hostname == node.Hostname && c.Description is { Slot: NodeDescription.NextSlot } d && d.NodeDigest == nodeDigest))
        {
            await session.DestroyAsync(same.Member, same.Vmid, cancellationToken).ConfigureAwait(false);
        }
        await new NodeCreator(session, _options).CreateStandbyAsync(node, candidate, nodeDigest, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        var session = SessionFor(environment);
        var active = await session.LocateAsync(hostname, cancellationToken).ConfigureAwait(false);
        if (active is null || !await session.WaitUnlockedAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var status = await session.Api.GetContainerStatusAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false);
        if (status.Running)
        {
            try
            {
                await session.WaitAsync(await session.Api.StopContainerAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (error.Mentions("not running"))
            {
            }
            session.Log($"{hostname}: CT {active.Vmid} on {active.Member} stopped");
        }
        session.Remember(active with { Status = "stopped", Lock = null });
    }

    public async Task StartNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var session = SessionFor(environment);
        var active = await session.LocateAsync(hostname, cancellationToken).ConfigureAwait(false);
        if (active is null || !await session.WaitUnlockedAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false))
        {
            throw new ProxmoxNodeException($"environment '{environment.Name}': node '{hostname}' has no active container; cannot start it.");
        }
        var status = await session.Api.GetContainerStatusAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false);
        if (!status.Running)
        {
            try
            {
                await session.WaitAsync(await session.Api.StartContainerAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (error.Mentions("already running"))
            {
            }
            catch (Exception error) when (error is ProxmoxTaskFailedException or ProxmoxApiException or TimeoutException)
            {
                throw new ProxmoxNodeException($"environment '{environment.Name}': node '{hostname}' (CT {active.Vmid} on {active.Member}) did not start: " +
                    error.Message, error);
            }
            session.Log($"{hostname}: CT {active.Vmid} running on {active.Member}");
        }
        session.Remember(active with { Status = "running", Lock = null });
    }

    public async Task SwapAsync(EnvironmentSpec environment, string hostname, string nodeDigest, bool discardActive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(nodeDigest);
        var session = SessionFor(environment);
        var mine = (await session.FindContainersAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.Hostname == hostname && c.Description?.Environment == environment.Name).ToList();
        var active = mine.FirstOrDefault(c => !c.IsStandby);
        if (active?.Description?.NodeDigest == nodeDigest)
        {
            return;
        }
        var source = mine.Where(c => c.Description!.NodeDigest == nodeDigest && c.IsStandby)
            .OrderBy(c => c.Description!.Slot == NodeDescription.KeptSlot ? 0 : 1).ThenByDescending(c => c.Vmid).FirstOrDefault()
            ?? throw new ProxmoxNodeException($"environment '{environment.Name}': no stand-by CT with digest {Short(nodeDigest)} for node '{hostname}'; " +
                "create it before swapping.");
        if (active is not null)
        {
            if (active.Status == "running")
            {
                throw new ProxmoxNodeException($"environment '{environment.Name}': node '{hostname}' (CT {active.Vmid}) is still running; stop it before swapping.");
            }
            if (discardActive || active.Description is null || active.Description.NodeDigest.Length == 0)
            {
                await session.DestroyAsync(active.Member, active.Vmid, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // At most one kept CT per (hostname, digest): the one being demoted replaces an older copy.
                foreach (var older in mine.Where(c => c.Description is { Slot: NodeDescription.KeptSlot } d && d.NodeDigest == active.Description.NodeDigest))
                {
                    await session.DestroyAsync(older.Member, older.Vmid, cancellationToken).ConfigureAwait(false);
                }
                await DescribeAsync(session, active, active.Description with { Slot = NodeDescription.KeptSlot, KeptAt = DateTimeOffset.UtcNow },
                    cancellationToken).ConfigureAwait(false);
            }
        }
        await DescribeAsync(session, source, source.Description! with { Slot = null, KeptAt = null }, cancellationToken).ConfigureAwait(false);
        session.Log($"{hostname}: CT {source.Vmid} on {source.Member} is now the node" + (active is null ? "" : $" (CT {active.Vmid} " +
            (discardActive ? "destroyed)" : "kept stopped)")));
    }

    public async Task DestroyStandbyAsync(EnvironmentSpec environment, StandbyNode standby, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(standby);
        var slash = standby.ProviderId.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(standby.ProviderId[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var vmid))
        {
            throw new ProxmoxNodeException($"'{standby.ProviderId}' is not a Proxmox stand-by id (member/vmid); refusing to destroy it as one.");
        }
        var session = SessionFor(environment);
        var current = await session.InspectAsync(standby.ProviderId[..slash], vmid, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return;
        }
        if (!current.IsStandby || current.Description!.Environment != environment.Name || current.Hostname != standby.Hostname)
        {
            throw new ProxmoxNodeException($"CT {vmid} on {current.Member} is not a stand-by of node '{standby.Hostname}' of environment " +
                $"'{environment.Name}' (any more); refusing to destroy it.");
        }
        await session.DestroyAsync(current.Member, current.Vmid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites the CT's description (synchronous PUT of its config, guarded by the config digest).</summary>
    private static async Task DescribeAsync(ProxmoxSession session, ManagedContainer container, NodeDescription description, CancellationToken cancellationToken)
    {
        var config = await session.Api.GetContainerConfigAsync(container.Member, container.Vmid, cancellationToken).ConfigureAwait(false);
        await session.Api.UpdateContainerConfigAsync(container.Member, container.Vmid,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["description"] = description.Render() }, [],
            config.GetValueOrDefault("digest"), cancellationToken).ConfigureAwait(false);
        session.Remember(container with { Description = description });
    }

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;
}
