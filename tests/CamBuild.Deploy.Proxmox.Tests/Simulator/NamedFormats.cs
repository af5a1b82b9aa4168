using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>
/// PVE::JSONSchema named formats used by the endpoints the simulator serves. A format missing here makes the
/// simulator fail loudly instead of accepting the value unchecked.
/// </summary>
public static partial class NamedFormats
{
    public static bool IsValid(string format, string value) => format switch
    {
        "pve-node" => NodePattern().IsMatch(value),
        "pve-vmid" => VmidPattern().IsMatch(value),
        "pve-storage-id" => StoragePattern().IsMatch(value),
        "pve-configid" => ConfigIdPattern().IsMatch(value),
        "pve-configid-list" => value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).All(ConfigIdPattern().IsMatch),
        "dns-name" => DnsPattern().IsMatch(value),
        "pve-tag-list" => value.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } tags && tags.All(TagPattern().IsMatch),
        "pve-storage-content" => StorageContents.Contains(value),
        "pve-storage-content-list" => value.Split(',').All(StorageContents.Contains),
        "ipv4" => IsAddress(value, AddressFamily.InterNetwork),
        "ipv6" => IsAddress(value, AddressFamily.InterNetworkV6),
        "mac-addr" => MacPattern().IsMatch(value) && (Convert.ToInt32(value[..2], 16) & 1) == 0,
        "pve-ipv4-config" => value is "dhcp" or "manual" || IsCidr(value, AddressFamily.InterNetwork, 32),
        "pve-ipv6-config" => value is "dhcp" or "manual" or "auto" || IsCidr(value, AddressFamily.InterNetworkV6, 128),
        "pve-lxc-mp-string" => VolumePattern().IsMatch(value) || value.StartsWith('/'),
        "pve-volume-id" => VolumeIdPattern().IsMatch(value),
        "disk-size" => DiskSizePattern().IsMatch(value),
        "pve-userid" => UserPattern().IsMatch(value),
        "pve-realm" => RealmPattern().IsMatch(value),
        "pve-poolid" => PoolPattern().IsMatch(value),
        _ => throw new NotSupportedException($"the Proxmox simulator cannot validate format '{format}' (value '{value}'); add it to NamedFormats"),
    };

    private static readonly HashSet<string> StorageContents = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"];

    private static bool IsAddress(string value, AddressFamily family) =>
        IPAddress.TryParse(value, out var address) && address.AddressFamily == family && !value.Contains('/', StringComparison.Ordinal);

    private static bool IsCidr(string value, AddressFamily family, int maxPrefix)
    {
        var parts = value.Split('/');
        return parts.Length == 2 && IsAddress(parts[0], family) && int.TryParse(parts[1], out var prefix) && prefix >= 0 && prefix <= maxPrefix;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$")] private static partial Regex NodePattern();
    [GeneratedRegex(@"^[1-9][0-9]{2,8}$")] private static partial Regex VmidPattern();
    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]$", RegexOptions.IgnoreCase)] private static partial Regex StoragePattern();
    [GeneratedRegex(@"^[a-z][a-z_]*\d*$", RegexOptions.IgnoreCase)] private static partial Regex ConfigIdPattern();
    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)(\.([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?))*$")] private static partial Regex DnsPattern();
    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*$", RegexOptions.IgnoreCase)] private static partial Regex TagPattern();
    [GeneratedRegex(@"^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")] private static partial Regex MacPattern();
    [GeneratedRegex(@"^([^:\s]+):(\d+(\.\d+)?|[^\s]+)$")] private static partial Regex VolumePattern();
    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$", RegexOptions.IgnoreCase)] private static partial Regex VolumeIdPattern();
    [GeneratedRegex(@"^\d+(\.\d+)?[KMGT]?$")] private static partial Regex DiskSizePattern();
    [GeneratedRegex(@"^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+$")] private static partial Regex UserPattern();
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-_]+$")] private static partial Regex RealmPattern();
    [GeneratedRegex(@"^[A-Za-z0-9\-_]+$")] private static partial Regex PoolPattern();
}
