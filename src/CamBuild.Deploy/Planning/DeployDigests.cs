using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Planning;

/// <summary>
/// Content digests that decide what the planner does. A node's digest covers only what makes that node what it is
/// (candidate, its own spec, the network, its roles' definitions), so changing one node touches only that node.
/// </summary>
public static class DeployDigests
{
    public static string NodeDigest(EnvironmentSpec environment, NodeSpec node, string candidateId, RoleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = new StringBuilder();
        Line(text, "candidate", candidateId);
        Line(text, "environment", environment.Name);
        Line(text, "provider", environment.Provider);
        Line(text, "network", $"{environment.Network.Bridge} {environment.Network.Subnet} {environment.Network.Gateway}");
        Line(text, "hostname", node.Hostname);
        Line(text, "address", node.Address);
        Line(text, "resources", $"{node.Cores} {node.MemoryMiB} {node.DiskGiB} {node.Placement}");
        using var settings = JsonDocument.Parse(environment.RoleSettingsJson);
        foreach (var reference in node.Roles.Select(RoleReference.Parse))
        {
            var definition = catalog[reference.Role];
            Line(text, "role", $"{reference} {definition.Port} {JsonSerializer.Serialize(definition.Command)} {JsonSerializer.Serialize(definition.Health)}");
            foreach (var key in new[] { reference.Role, reference.ToString() })
            {
                if (settings.RootElement.TryGetProperty(key, out var value))
                {
                    Line(text, "settings", $"{key} {value.GetRawText()}");
                }
            }
        }
        return Sha256(text.ToString());
    }

    /// <summary>Hash of the whole configuration, independent of comments and key order in the YAML file.</summary>
    public static string ConfigHash(EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = new StringBuilder();
        Line(text, "environment", environment.Name);
        Line(text, "provider", environment.Provider);
        Line(text, "network", $"{environment.Network.Bridge} {environment.Network.Subnet} {environment.Network.Gateway}");
        foreach (var (key, value) in environment.ProviderSettings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Line(text, "setting", $"{key}={value}");
        }
        Line(text, "role_settings", environment.RoleSettingsJson);
        foreach (var node in environment.Nodes)
        {
            Line(text, "node", $"{node.Hostname} {node.Address} {string.Join(',', node.Roles)} " +
                $"{node.Cores} {node.MemoryMiB} {node.DiskGiB} {node.Placement}");
        }
        return Sha256(text.ToString());
    }

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key).Append(' ').Append(JsonSerializer.Serialize(value)).Append('\n');
}
