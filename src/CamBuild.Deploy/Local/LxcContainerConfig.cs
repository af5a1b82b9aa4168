using System.Text;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Local;

/// <summary>
/// The LXC configuration of one node: privileged, overlay snapshot of the read-only template, veth on the
/// environment's bridge with the configured address. The <c># cambuild.*</c> comment lines mark the container as
/// ours and carry candidate id and node digest (LXC ignores comments).
/// </summary>
internal static class LxcContainerConfig
{
    public const string MarkerPrefix = "# cambuild.";

    public static string Render(EnvironmentSpec environment, NodeSpec node, string candidateId, string nodeDigest,
        string lowerDirectory, string upperDirectory, string initCommand, string? memoryLimitKey)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder();
        text.Append(MarkerPrefix).Append("environment = ").Append(environment.Name).Append('\n');
        text.Append(MarkerPrefix).Append("candidate = ").Append(candidateId).Append('\n');
        text.Append(MarkerPrefix).Append("digest = ").Append(nodeDigest).Append('\n');
        text.Append("lxc.include = /usr/share/lxc/config/common.conf\n");
        text.Append("lxc.uts.name = ").Append(node.Hostname).Append('\n');
        text.Append("lxc.rootfs.path = overlay:").Append(lowerDirectory).Append(':').Append(upperDirectory).Append('\n');
        text.Append("lxc.init.cmd = ").Append(initCommand).Append('\n');
        // systemd halts on SIGRTMIN+3 (LXC's default SIGPWR only reaches sigpwr.target), so lxc-stop shuts the node down cleanly.
        text.Append("lxc.signal.halt = SIGRTMIN+3\n");
        text.Append("lxc.apparmor.profile = unconfined\n");
        text.Append("lxc.autodev = 1\n");
        text.Append("lxc.tty.max = 0\n");
        text.Append("lxc.net.0.type = veth\n");
        text.Append("lxc.net.0.link = ").Append(environment.Network.Bridge).Append('\n');
        text.Append("lxc.net.0.flags = up\n");
        text.Append("lxc.net.0.name = eth0\n");
        text.Append("lxc.net.0.hwaddr = ").Append(HardwareAddress(environment, node)).Append('\n');
        text.Append("lxc.net.0.ipv4.address = ").Append(SiteFiles.HostAddress(node)).Append('/')
            .Append(SiteFiles.PrefixLength(environment, node)).Append('\n');
        text.Append("lxc.net.0.ipv4.gateway = ").Append(environment.Network.Gateway).Append('\n');
        if (memoryLimitKey is not null)
        {
            text.Append(memoryLimitKey).Append(" = ").Append(node.MemoryMiB).Append("M\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// A stable, locally administered MAC per (environment, hostname): a node replaced by swap answers ARP with the same
    /// address as the one it replaces, so neighbours need not relearn it.
    /// </summary>
    public static string HardwareAddress(EnvironmentSpec environment, NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(environment.Name + "/" + node.Hostname));
        return $"02:cb:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}:{hash[3]:x2}";
    }

    /// <summary>Reads the <c># cambuild.key = value</c> markers; empty when the file is not one of ours.</summary>
    public static IReadOnlyDictionary<string, string> ReadMarkers(string configText)
    {
        ArgumentNullException.ThrowIfNull(configText);
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in configText.Split('\n'))
        {
            if (!line.StartsWith(MarkerPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line[MarkerPrefix.Length..].Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
            {
                markers[parts[0]] = parts[1];
            }
        }
        return markers;
    }
}
