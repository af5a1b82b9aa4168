using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Formats;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Creates and starts one node. The description carries a fresh creation id, so after an ambiguous failure
/// (5xx after the server already created the CT, then "already exists" on retry) the CT is recognised as ours and
/// adopted instead of duplicated; a CT left by a failed create or start is destroyed before the error is raised.
/// </summary>
internal sealed class NodeCreator(ProxmoxSession session, ProxmoxProviderOptions options)
{
    public async Task CreateAsync(NodeSpec node, CandidateRef candidate, string nodeDigest, CancellationToken ct)
    {
        var env = session.Environment;
        var resources = await session.Api.GetClusterResourcesAsync(null, ct).ConfigureAwait(false);
        var tagged = ManagedContainer.Tagged(resources, session.EnvironmentTag);
        // Hostnames come from each CT's own config: read only the tagged CTs this session does not know yet.
        await Task.WhenAll(tagged.Where(t => !session.Seen(t.Vmid)).Select(t => session.InspectAsync(t.Member, t.Vmid, ct)))
            .ConfigureAwait(false);
        var existing = tagged.Select(t => session.Known.GetValueOrDefault(t.Vmid)).OfType<ManagedContainer>().ToList();
        if (existing.Where(c => c.Hostname == node.Hostname && !c.IsStandby).OrderBy(c => c.Vmid).FirstOrDefault() is { } present)
        {
            await AdoptExistingAsync(present, node, candidate, nodeDigest, ct).ConfigureAwait(false);
            return;
        }
        var memberName = Place(node, resources, existing);
        session.CreatesInFlight.AddOrUpdate(memberName, 1, (_, n) => n + 1);
        try
        {
            var (vmid, description) = await CreateOnMemberAsync(memberName, node, candidate, nodeDigest, null, ct).ConfigureAwait(false);
            await StartAsync(memberName, vmid, node, ct).ConfigureAwait(false);
            session.Remember(new ManagedContainer(memberName, vmid, node.Hostname, "running", null, description));
        }
        finally
        {
            session.CreatesInFlight.AddOrUpdate(memberName, 0, (_, n) => n - 1);
        }
    }

    /// <summary>
    /// Creates a stand-by CT for the node, stopped, with the node's hostname and address and the
    /// <see cref="NodeDescription.NextSlot"/> marker: on the member of the node's active CT (same bridge and storage), else
    /// where a new node would go. Returns its vmid.
    /// </summary>
    public async Task<int> CreateStandbyAsync(NodeSpec node, CandidateRef candidate, string nodeDigest, CancellationToken ct)
    {
        var resources = await session.Api.GetClusterResourcesAsync(null, ct).ConfigureAwait(false);
        var tagged = ManagedContainer.Tagged(resources, session.EnvironmentTag);
        await Task.WhenAll(tagged.Where(t => !session.Seen(t.Vmid)).Select(t => session.InspectAsync(t.Member, t.Vmid, ct)))
            .ConfigureAwait(false);
        var existing = tagged.Select(t => session.Known.GetValueOrDefault(t.Vmid)).OfType<ManagedContainer>().ToList();
        var memberName = existing.FirstOrDefault(c => c.Hostname == node.Hostname && !c.IsStandby)?.Member ?? Place(node, resources, existing);
        session.CreatesInFlight.AddOrUpdate(memberName, 1, (_, n) => n + 1);
        try
        {
            var (vmid, _) = await CreateOnMemberAsync(memberName, node, candidate, nodeDigest, NodeDescription.NextSlot, ct).ConfigureAwait(false);
            session.Log($"{node.Hostname}: stand-by CT {vmid} created (stopped) on {memberName}");
            return vmid;
        }
        finally
        {
            session.CreatesInFlight.AddOrUpdate(memberName, 0, (_, n) => n - 1);
        }
    }

    private string Place(NodeSpec node, IReadOnlyList<ClusterResource> resources, IReadOnlyList<ManagedContainer> existing)
    {
        var perMember = existing.GroupBy(c => c.Member).ToDictionary(g => g.Key, g => g.Count() + session.CreatesInFlight.GetValueOrDefault(g.Key), StringComparer.Ordinal);
        foreach (var (member, count) in session.CreatesInFlight) perMember.TryAdd(member, count);
        return MemberPlacement.Choose(session.Settings, session.Environment, node, resources, perMember);
    }

    private async Task<(int Vmid, NodeDescription Description)> CreateOnMemberAsync(string member, NodeSpec node, CandidateRef candidate, string nodeDigest,
        string? slot, CancellationToken ct)
    {
        var env = session.Environment;
        var template = TemplateStore.VolumeId(session.Settings, candidate);
        var describe = (string creation) => new NodeDescription(env.Name, node.Hostname, candidate.Id, nodeDigest, creation, template, slot);
        var net0 = ContainerFormats.NetworkInterface("eth0", env.Network.Bridge, node.Address, env.Network.Gateway);
        if (await session.CloneTemplates.ForNodeAsync(member, node, candidate, ct).ConfigureAwait(false) is { } source
            && await CloneOnMemberAsync(member, source, node, net0, describe, ct).ConfigureAwait(false) is { } cloned)
            return cloned;
        return await CreateFromFileAsync(member, $"node '{node.Hostname}'", describe, (vmid, creation) => new ContainerCreateRequest(vmid, template, node.Hostname,
            net0, ContainerFormats.RootFs(session.Settings.Storage, node.DiskGiB), node.Cores, node.MemoryMiB,
            ContainerFormats.Tags([ProxmoxSettings.ManagedTag, session.EnvironmentTag]), describe(creation).Render()), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The CT that becomes a candidate's CT template on a member: created stopped from the uploaded vztmpl, without a
    /// network (it never runs), tagged for the environment so a killed run's leftover is found again.
    /// </summary>
    public Task<(int Vmid, NodeDescription Description)> CreateTemplateContainerAsync(string member, CandidateRef candidate, int diskGiB, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var env = session.Environment;
        var template = TemplateStore.VolumeId(session.Settings, candidate);
        var hostname = "cambuild-template-" + candidate.Id.Value[..12];
        var describe = (string creation) => new NodeDescription(env.Name, hostname, candidate.Id, "", creation, template, NodeDescription.TemplateSlot,
            DiskGiB: diskGiB);
        return CreateFromFileAsync(member, $"the CT template of candidate {candidate.Id.Value[..12]}", describe, (vmid, creation) => new ContainerCreateRequest(vmid,
            template, hostname, null, ContainerFormats.RootFs(session.Settings.Storage, diskGiB), 1, 512,
            ContainerFormats.Tags([ProxmoxSettings.ManagedTag, session.EnvironmentTag]), describe(creation).Render()), ct);
    }

    /// <summary>A full create from the vztmpl (<c>POST /nodes/{node}/lxc</c>), with a fresh VMID per attempt.</summary>
    private async Task<(int Vmid, NodeDescription Description)> CreateFromFileAsync(string member, string what, Func<string, NodeDescription> describe,
        Func<int, string, ContainerCreateRequest> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var creation = Guid.NewGuid().ToString("N");
            var vmid = await session.Vmids.AllocateAsync(session.Api, ct).ConfigureAwait(false);
            var description = describe(creation);
            Upid? upid = null;
            try
            {
                upid = await session.Api.CreateContainerAsync(member, request(vmid, creation), ct).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (error.Mentions("already exists"))
            {
                if (await IsOurCreationAsync(member, vmid, creation, ct).ConfigureAwait(false))
                {
                    session.Log($"{description.Hostname}: CT {vmid} on {member} was created by an earlier attempt whose answer was lost; adopting it");
                    session.Remember(new ManagedContainer(member, vmid, description.Hostname, "stopped", null, description));
                    return (vmid, description);
                }
                if (attempt >= options.VmidAttempts)
                    throw Failure(what, member, vmid, $"every VMID tried was taken by another client ({options.VmidAttempts} attempts)", error);
                session.Log($"{description.Hostname}: VMID {vmid} was taken by another client meanwhile; trying another id");
                continue;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await RemoveIfOursAsync(member, vmid, creation, ct).ConfigureAwait(false);
                throw Failure(what, member, vmid, "the create call failed", error);
            }
            finally
            {
                session.Vmids.Release(vmid);
            }
            // Known from now on, so a rollback finds it even while its create task runs.
            session.Remember(new ManagedContainer(member, vmid, description.Hostname, "stopped", "create", description));
            try
            {
                await session.WaitAsync(upid, ct).ConfigureAwait(false);
                if (attempt > 1) session.Log($"{description.Hostname}: created as CT {vmid} on {member}");
                return (vmid, description);
            }
            catch (Exception error) when (error is ProxmoxTaskFailedException or ProxmoxApiException or TimeoutException)
            {
                await RemoveIfOursAsync(member, vmid, creation, ct).ConfigureAwait(false);
                throw Failure(what, member, vmid, "the create task failed", error);
            }
        }
    }

    /// <summary>
    /// A linked clone of the member's CT template (<c>POST …/clone</c>, <c>full=0</c>) with the node's hostname and
    /// description, then its own network, cores, memory and root disk size (PUT config, resize). Null when Proxmox
    /// refuses linked clones and the setting is <c>clone: auto</c> (the caller then creates from the file).
    /// </summary>
    private async Task<(int Vmid, NodeDescription Description)?> CloneOnMemberAsync(string member, ManagedContainer source, NodeSpec node, string net0,
        Func<string, NodeDescription> describe, CancellationToken ct)
    {
        var what = $"node '{node.Hostname}'";
        for (var attempt = 1; ; attempt++)
        {
            var creation = Guid.NewGuid().ToString("N");
            var description = describe(creation);
            var gate = session.CloneTemplates.GateOf(source.Vmid);
            await gate.WaitAsync(ct).ConfigureAwait(false);
            int vmid;
            try
            {
                vmid = await session.Vmids.AllocateAsync(session.Api, ct).ConfigureAwait(false);
                Upid? upid = null;
                try
                {
                    upid = await session.Api.CloneContainerAsync(member, source.Vmid, vmid, node.Hostname, description.Render(), ct).ConfigureAwait(false);
                }
                catch (ProxmoxApiException error) when (error.Mentions("already exists"))
                {
                    if (!await IsOurCreationAsync(member, vmid, creation, ct).ConfigureAwait(false))
                    {
                        if (attempt >= options.VmidAttempts)
                            throw Failure(what, member, vmid, $"every VMID tried was taken by another client ({options.VmidAttempts} attempts)", error);
                        session.Log($"{node.Hostname}: VMID {vmid} was taken by another client meanwhile; trying another id");
                        continue;
                    }
                    session.Log($"{node.Hostname}: CT {vmid} on {member} was cloned by an earlier attempt whose answer was lost; adopting it");
                }
                catch (ProxmoxApiException error) when (error.Mentions("is not available") && session.Settings.Cloning == CloneMode.Auto)
                {
                    session.CloneTemplates.MarkUnavailable(error.Message.Split('\n')[0].Trim());
                    return null;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    await RemoveIfOursAsync(member, vmid, creation, ct).ConfigureAwait(false);
                    throw Failure(what, member, vmid, "the clone call failed", error);
                }
                finally
                {
                    session.Vmids.Release(vmid);
                }
                session.Remember(new ManagedContainer(member, vmid, node.Hostname, "stopped", "create", description));
                if (upid is not null)
                {
                    try
                    {
                        await session.WaitAsync(upid, ct).ConfigureAwait(false);
                    }
                    catch (Exception error) when (error is ProxmoxTaskFailedException or ProxmoxApiException or TimeoutException)
                    {
                        await RemoveIfOursAsync(member, vmid, creation, ct).ConfigureAwait(false);
                        throw Failure(what, member, vmid, "the clone task failed", error);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
            try
            {
                await session.Api.UpdateContainerConfigAsync(member, vmid, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["net0"] = net0,
                    ["cores"] = node.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["memory"] = node.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["swap"] = "0",
                }, [], null, ct).ConfigureAwait(false);
                if (node.DiskGiB > (source.Description?.DiskGiB ?? node.DiskGiB))
                    await session.WaitAsync(await session.Api.ResizeRootFsAsync(member, vmid, node.DiskGiB, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            }
            catch (Exception error) when (error is ProxmoxTaskFailedException or ProxmoxApiException or TimeoutException or HttpRequestException or IOException)
            {
                await session.DestroyAsync(member, vmid, ct).ConfigureAwait(false);
                throw Failure(what, member, vmid, "the linked clone could not be configured (it was removed again)", error);
            }
            if (attempt > 1) session.Log($"{node.Hostname}: cloned as CT {vmid} on {member}");
            return (vmid, description);
        }
    }

    private async Task StartAsync(string member, int vmid, NodeSpec node, CancellationToken ct)
    {
        try
        {
            await session.WaitAsync(await session.Api.StartContainerAsync(member, vmid, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (ProxmoxApiException error) when (error.Mentions("already running"))
        {
        }
        catch (Exception error) when (error is ProxmoxTaskFailedException or ProxmoxApiException or TimeoutException)
        {
            await session.DestroyAsync(member, vmid, ct).ConfigureAwait(false);
            throw Failure($"node '{node.Hostname}'", member, vmid, "the container did not start (it was removed again)", error);
        }
        session.Log($"{node.Hostname}: CT {vmid} running on {member}");
    }

    private async Task AdoptExistingAsync(ManagedContainer present, NodeSpec node, CandidateRef candidate, string nodeDigest, CancellationToken ct)
    {
        if (!await session.WaitUnlockedAsync(present.Member, present.Vmid, ct).ConfigureAwait(false))
        {
            session.Forget(present.Vmid);
            throw new ProxmoxNodeException($"environment '{session.Environment.Name}': CT {present.Vmid} of node '{node.Hostname}' on {present.Member} " +
                "disappeared while it was being checked (its create failed or someone removed it); deploy again.");
        }
        var config = await session.Api.GetContainerConfigAsync(present.Member, present.Vmid, ct).ConfigureAwait(false);
        var description = NodeDescription.Parse(config.GetValueOrDefault("description"));
        if (description is null || description.CandidateId != candidate.Id.Value || description.NodeDigest != nodeDigest)
            throw new ProxmoxNodeException($"environment '{session.Environment.Name}': node '{node.Hostname}' already exists as CT {present.Vmid} on " +
                $"{present.Member} with another candidate or configuration; destroy it first (the deployer replaces such nodes).");
        var status = await session.Api.GetContainerStatusAsync(present.Member, present.Vmid, ct).ConfigureAwait(false);
        if (!status.Running) await StartAsync(present.Member, present.Vmid, node, ct).ConfigureAwait(false);
        session.Log($"{node.Hostname}: adopted the existing CT {present.Vmid} on {present.Member}");
        session.Remember(present with { Status = "running", Lock = null });
    }

    private async Task<bool> IsOurCreationAsync(string member, int vmid, string creation, CancellationToken ct)
    {
        try
        {
            if (!await session.WaitUnlockedAsync(member, vmid, ct).ConfigureAwait(false)) return false;
            var config = await session.Api.GetContainerConfigAsync(member, vmid, ct).ConfigureAwait(false);
            return NodeDescription.Parse(config.GetValueOrDefault("description"))?.CreationId == creation;
        }
        catch (ProxmoxApiException error) when (error.Mentions("does not exist"))
        {
            return false; // the id belongs to another member's guest or to a VM
        }
    }

    private async Task RemoveIfOursAsync(string member, int vmid, string creation, CancellationToken ct)
    {
        try
        {
            if (await IsOurCreationAsync(member, vmid, creation, ct).ConfigureAwait(false))
                await session.DestroyAsync(member, vmid, ct).ConfigureAwait(false);
        }
        catch (Exception cleanup) when (cleanup is ProxmoxApiException or ProxmoxTaskFailedException or HttpRequestException or TimeoutException)
        {
            session.Log($"could not remove CT {vmid} on {member} after a failed create: {cleanup.Message}");
        }
    }

    private ProxmoxNodeException Failure(string subject, string member, int vmid, string what, Exception cause) =>
        new($"environment '{session.Environment.Name}': creating {subject} as CT {vmid} on cluster member '{member}' failed: " +
            $"{what}: {cause.Message}", cause);
}
