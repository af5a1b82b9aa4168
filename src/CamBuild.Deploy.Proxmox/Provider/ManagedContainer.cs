using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Formats;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// A container carrying the CamBuild tags of an environment. Which containers exist comes from
/// <c>/cluster/resources</c> (vmid, node and tags are current there); hostname, state and lock come from the CT's
/// own config and <c>status/current</c>, because <c>name</c> and <c>status</c> in the resources lag behind by a
/// pvestatd cycle (a new CT shows <c>status: unknown</c> without a name).
/// </summary>
/// <param name="Converted">The CT is a Proxmox CT template (<c>template: 1</c> in its config).</param>
internal sealed record ManagedContainer(string Member, int Vmid, string Hostname, string Status, string? Lock, NodeDescription? Description,
    bool Converted = false)
{
    /// <summary>Running and not held by a task (a CT still in <c>lock: create</c> is not a usable node).</summary>
    public bool Running => Status == "running" && Lock is null;

    /// <summary>A stand-by beside the active node of its hostname (<see cref="NodeDescription.Slot"/>), not the node itself.</summary>
    public bool IsStandby => Description?.IsStandby == true;

    /// <summary>A CT template CamBuild made for linked clones (<see cref="NodeDescription.TemplateSlot"/>), not a node.</summary>
    public bool IsTemplate => Description?.IsTemplate == true;

    public string ProviderId => $"{Member}/{Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>(member, vmid) of the lxc rows tagged for the environment.</summary>
    public static IReadOnlyList<(string Member, int Vmid)> Tagged(IEnumerable<ClusterResource> resources, string environmentTag) =>
        resources
            .Where(r => r.Type == "lxc" && r.Vmid is not null && r.Node is not null)
            .Where(r => ContainerFormats.ParseTags(r.Tags) is var tags && tags.Contains(ProxmoxSettings.ManagedTag) && tags.Contains(environmentTag))
            .Select(r => (r.Node!, r.Vmid!.Value))
            .OrderBy(r => r.Item2)
            .ToList();
}
