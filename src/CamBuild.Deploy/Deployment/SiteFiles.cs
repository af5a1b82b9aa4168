using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// The files role specialisation writes into every node: <c>/etc/cam/site.json</c> (all nodes),
/// <c>/etc/cam/node.json</c> (this node), <c>/etc/hosts</c> (names of all nodes; no DNS is needed) and
/// <c>/etc/hostname</c>. Contents are deterministic so that equal inputs give equal fingerprints.
/// </summary>
internal static class SiteFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The site document in the format the system's own <c>katconf</c> reads (format 1).</summary>
    public static string SiteJson(EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var site = new JsonObject
        {
            ["format"] = 1,
            ["site"] = environment.Name,
            ["nodes"] = new JsonArray(environment.Nodes.Select(node => (JsonNode)new JsonObject
            {
                ["hostname"] = node.Hostname,
                ["address"] = HostAddress(node),
                ["roles"] = new JsonArray(node.Roles.Select(role => (JsonNode)JsonValue.Create(role)!).ToArray()),
            }).ToArray()),
            ["roles"] = JsonNode.Parse(environment.RoleSettingsJson),
        };
        return site.ToJsonString(Json) + "\n";
    }

    public static string NodeJson(EnvironmentSpec environment, NodeSpec node, string candidateId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        return JsonSerializer.Serialize(new
        {
            environment = environment.Name,
            candidate = candidateId,
            hostname = node.Hostname,
            address = HostAddress(node),
            roles = node.Roles,
        }, Json) + "\n";
    }

    public static string Hosts(EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        foreach (var node in environment.Nodes)
        {
            text.Append(HostAddress(node)).Append('\t').Append(node.Hostname).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Digest of everything site-wide the nodes carry; when it changes, kept nodes get the new files.</summary>
    public static string SiteDigest(EnvironmentSpec environment, string candidateId) =>
        DeployDigests.Sha256(candidateId + "\n" + SiteJson(environment) + Hosts(environment));

    public static string HostAddress(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var slash = node.Address.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? node.Address : node.Address[..slash];
    }

    /// <summary>Prefix length of the node's address, or of the subnet when the address carries none.</summary>
    public static int PrefixLength(EnvironmentSpec environment, NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var text = node.Address.Contains('/', StringComparison.Ordinal) ? node.Address : environment.Network.Subnet;
        return int.Parse(text.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
