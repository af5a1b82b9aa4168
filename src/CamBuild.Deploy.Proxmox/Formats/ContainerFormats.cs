using CamBuild.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Formats;

/// <summary>Proxmox property strings for LXC create: <c>net[n]</c>, <c>rootfs</c> and <c>tags</c>.</summary>
internal static partial class ContainerFormats
{
    /// <summary><c>name=eth0,bridge=vmbr0,ip=10.0.0.5/24,gw=10.0.0.1</c>; values must not contain ',' or '='.</summary>
    public static string NetworkInterface(string name, string bridge, string addressWithPrefix, string? gateway)
    {
        if (!IdentifierPattern().IsMatch(name)) throw new InputException($"interface name '{name}' must match [-_.\\w]+");
        if (!IdentifierPattern().IsMatch(bridge)) throw new InputException($"bridge '{bridge}' must match [-_.\\w]+");
        var parts = addressWithPrefix.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 0 or > 32)
            throw new InputException($"address '{addressWithPrefix}' is not IPv4/CIDR, e.g. 10.80.0.11/24");
        var text = $"name={name},bridge={bridge},ip={addressWithPrefix}";
        if (gateway is not null)
        {
            if (!IPAddress.TryParse(gateway, out var gw) || gw.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                throw new InputException($"gateway '{gateway}' is not an IPv4 address");
            text += ",gw=" + gateway;
        }
        return text;
    }

    /// <summary>Create syntax <c>STORAGE:SIZE_GiB</c>: Proxmox allocates a new volume of that size.</summary>
    public static string RootFs(string storage, int sizeGiB) =>
        sizeGiB >= 1 ? $"{storage}:{sizeGiB.ToString(CultureInfo.InvariantCulture)}"
            : throw new ArgumentOutOfRangeException(nameof(sizeGiB), sizeGiB, "root disk size must be at least 1 GiB");

    /// <summary>Joins tags with ';' (Proxmox's stored form), lower-cased, de-duplicated and sorted.</summary>
    public static string Tags(IEnumerable<string> tags)
    {
        var list = tags.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var tag in list.Where(t => !TagPattern().IsMatch(t)))
            throw new InputException($"tag '{tag}' must match [a-z0-9_][a-z0-9_\\-+.]*");
        return string.Join(';', list);
    }

    /// <summary>Splits a tag list as Proxmox accepts it (';', ',' or space separated).</summary>
    public static IReadOnlySet<string> ParseTags(string? tags) =>
        (tags ?? "").Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^[-_.\w\d]+$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*$")]
    private static partial Regex TagPattern();
}
