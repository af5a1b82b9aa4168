using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Deploy.Config;

/// <summary>Checks that span nodes: uniqueness, known roles, and roles that need another role somewhere.</summary>
internal static class EnvironmentConfigChecks
{
    public static void CheckNodes(YamlDiagnostics errors, IReadOnlyList<(NodeSpec Spec, YamlNode Node, Dictionary<string, YamlNode> Entries)> nodes,
        (NetworkSpec Spec, Ipv4Subnet Subnet, uint Gateway)? network, RoleCatalog? catalog)
    {
        var hostnames = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (spec, _, entries) in nodes)
        {
            if (!hostnames.TryAdd(spec.Hostname, entries["hostname"]))
            {
                var first = hostnames[spec.Hostname];
                errors.Add(entries["hostname"], $"duplicate hostname '{spec.Hostname}' (first used at line {first.Start.Line})");
            }
            if (spec.Address.Length > 0 && !addresses.TryAdd(spec.Address, entries["address"]))
            {
                var first = addresses[spec.Address];
                errors.Add(entries["address"], $"duplicate address {spec.Address} (first used at line {first.Start.Line})");
            }
        }
        if (network is { } net && nodes.Count > 0 && nodes.Count > (1L << (32 - net.Subnet.PrefixLength)) - 3)
        {
            errors.Add(nodes[0].Node, $"{nodes.Count} nodes do not fit into the subnet {net.Subnet}");
        }
        if (catalog is not null)
        {
            CheckRoles(errors, nodes, catalog);
        }
    }

    private static void CheckRoles(YamlDiagnostics errors, IReadOnlyList<(NodeSpec Spec, YamlNode Node, Dictionary<string, YamlNode> Entries)> nodes,
        RoleCatalog catalog)
    {
        var assigned = nodes.SelectMany(node => node.Spec.Roles).Select(role => RoleReference.Parse(role).Role).ToHashSet(StringComparer.Ordinal);
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (spec, _, entries) in nodes)
        {
            var roleNodes = ((YamlSequenceNode)entries["roles"]).Children;
            for (var index = 0; index < spec.Roles.Count; index++)
            {
                var reference = RoleReference.Parse(spec.Roles[index]);
                if (!placed.TryAdd(reference.ToString(), spec.Hostname))
                {
                    errors.Add(roleNodes[index], $"role instance '{reference}' is already placed on node '{placed[reference.ToString()]}'; " +
                        "give every instance of a role its own name (role:instance)");
                    continue;
                }
                if (!catalog.Contains(reference.Role))
                {
                    errors.Add(roleNodes[index],
                        $"unknown role '{reference.Role}' on node '{spec.Hostname}'; known roles: {string.Join(", ", catalog.Roles.Keys.Order(StringComparer.Ordinal))}");
                    continue;
                }
                foreach (var required in catalog[reference.Role].Requires.Where(required => !assigned.Contains(required)))
                {
                    errors.Add(roleNodes[index],
                        $"role '{reference.Role}' on node '{spec.Hostname}' needs role '{required}', but no node has it; add '{required}' to a node's roles");
                }
            }
        }
    }

    /// <summary>Checks <c>role_settings</c> keys (known role, placed instance) and per-node port clashes; returns it as JSON.</summary>
    public static JsonObject? CheckRoleSettings(YamlDiagnostics errors, YamlNode settingsNode, IReadOnlyList<NodeSpec> nodes, RoleCatalog? catalog)
    {
        if (settingsNode is not YamlMappingNode mapping || mapping.Children.Any(pair => pair.Value is not YamlMappingNode))
        {
            errors.Add(settingsNode, "'role_settings' must map role or role:instance to a mapping of settings, e.g. proxy:p1: {devices: [antenna:m000]}");
            return null;
        }
        var placed = nodes.SelectMany(node => node.Roles).Select(role => RoleReference.Parse(role).ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in mapping.Children)
        {
            var text = ((YamlScalarNode)key).Value ?? "";
            var reference = RoleReference.Parse(text);
            if (catalog is not null && !catalog.Contains(reference.Role))
            {
                errors.Add(key, $"role_settings names unknown role '{reference.Role}'");
            }
            else if (text.Contains(':', StringComparison.Ordinal) && !placed.Contains(reference.ToString()))
            {
                errors.Add(key, $"role_settings for '{text}', which no node runs; add it to a node's roles or remove the settings");
            }
        }
        return (JsonObject)YamlJson.Convert(mapping)!;
    }

    /// <summary>Two role instances on one node must not share a port (after role_settings overrides).</summary>
    public static void CheckPorts(YamlDiagnostics errors, IReadOnlyList<(NodeSpec Spec, YamlNode Node, Dictionary<string, YamlNode> Entries)> nodes,
        RoleCatalog catalog, JsonObject settings)
    {
        foreach (var (node, _, entries) in nodes)
        {
            var at = entries["roles"];
            var ports = new Dictionary<int, string>();
            foreach (var reference in node.Roles.Select(RoleReference.Parse).Where(reference => catalog.Contains(reference.Role)))
            {
                var port = PortSetting(settings, reference.ToString()) ?? PortSetting(settings, reference.Role) ?? catalog[reference.Role].Port;
                if (port is { } value && !ports.TryAdd(value, reference.ToString()))
                {
                    errors.Add(at, $"'{ports[value]}' and '{reference}' both listen on port {value} on node '{node.Hostname}'; " +
                        $"set a port for one of them under role_settings");
                }
            }
        }
    }

    private static int? PortSetting(JsonObject settings, string key) =>
        settings[key]?["port"] is JsonValue value && value.TryGetValue<long>(out var port) ? (int)port : null;
}
