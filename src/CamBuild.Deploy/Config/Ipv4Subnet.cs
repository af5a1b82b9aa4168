using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CamBuild.Deploy.Config;

/// <summary>An IPv4 network in CIDR form; the arithmetic the node configuration checks need.</summary>
internal readonly record struct Ipv4Subnet(uint Network, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public uint Broadcast => Network | ~Mask;

    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>True for an address a host may use (inside, not the network or broadcast address).</summary>
    public bool IsHostAddress(uint address) =>
        Contains(address) && (PrefixLength >= 31 || (address != Network && address != Broadcast));

    public override string ToString() => $"{Format(Network)}/{PrefixLength}";

    public static bool TryParse(string text, out Ipv4Subnet subnet, out string problem)
    {
        subnet = default;
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryParseAddress(parts[0], out var address)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 8 or > 30)
        {
            problem = $"'{text}' is not an IPv4 subnet in CIDR form with a prefix of 8..30, e.g. 10.80.0.0/24";
            return false;
        }
        subnet = new Ipv4Subnet(address, prefix);
        if ((address & subnet.Mask) != address)
        {
            problem = $"'{text}' has host bits set; did you mean {new Ipv4Subnet(address & subnet.Mask, prefix)}?";
            return false;
        }
        problem = "";
        return true;
    }

    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        if (text.Count(character => character == '.') != 3 || !IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        var bytes = parsed.GetAddressBytes();
        address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return true;
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
}
