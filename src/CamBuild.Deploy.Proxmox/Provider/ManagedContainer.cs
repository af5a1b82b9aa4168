using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Formats;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>A container carrying the CamBuild tag of an environment, as listed by <c>/cluster/resources</c>.</summary>
public sealed record ManagedContainer(string Member, int Vmid, string Hostname, string Status, string? Lock)
{
    public bool Running => Status == "running";
    public string ProviderId => $"{Member}/{Vmid}";

    public static IReadOnlyList<ManagedContainer> Select(IEnumerable<ClusterResource> resources, string environmentTag) =>
        resources
            .Where(r => r.Type == "lxc" && r.Vmid is not null && r.Node is not null)
            .Where(r => ContainerFormats.ParseTags(r.Tags) is var tags && tags.Contains(ProxmoxSettings.ManagedTag) && tags.Contains(environmentTag))
            .Select(r => new ManagedContainer(r.Node!, r.Vmid!.Value, r.Name ?? "", r.Status ?? "unknown", r.Lock))
            .OrderBy(c => c.Hostname, StringComparer.Ordinal).ThenBy(c => c.Vmid)
            .ToList();
}
