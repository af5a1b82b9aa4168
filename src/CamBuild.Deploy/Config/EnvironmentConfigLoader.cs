using System.Text.RegularExpressions;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Deploy.Config;

/// <summary>
/// Reads <c>config/environments/&lt;env&gt;.yaml</c> into an <see cref="EnvironmentSpec"/>. Everything is validated
/// before anything is touched, and all problems are reported together (<see cref="EnvironmentConfigException"/>).
/// </summary>
public static partial class EnvironmentConfigLoader
{
    public static readonly IReadOnlyList<string> DefaultProviders = ["lxc", "proxmox"];

    private static readonly string[] TopKeys = ["name", "provider", "network", "defaults", "provider_settings", "role_settings", "nodes", "rollout"];
    private static readonly string[] NetworkKeys = ["subnet", "gateway", "bridge"];
    private static readonly string[] ResourceKeys = ["cores", "memory_mib", "disk_gib"];
    private static readonly string[] NodeKeys = ["hostname", "address", "roles", "cores", "memory_mib", "disk_gib", "placement"];

    public static EnvironmentSpec Load(string path, RoleCatalog? roles = null, IReadOnlyCollection<string>? providers = null)
    {
        var read = new YamlDiagnostics(path);
        var text = read.ReadFile(path) ?? throw new EnvironmentConfigException(read.All);
        var fileName = Path.GetFileName(path);
        var expectedName = fileName.EndsWith(".yaml", StringComparison.Ordinal) ? fileName[..^5] : null;
        return Parse(text, path, roles, providers, expectedName);
    }

    /// <param name="roles">When given, unknown roles and roles whose required roles have no node are errors.</param>
    /// <param name="expectedName">When given, the <c>name</c> key must equal it (the file name without .yaml).</param>
    public static EnvironmentSpec Parse(string yaml, string file, RoleCatalog? roles = null,
        IReadOnlyCollection<string>? providers = null, string? expectedName = null)
    {
        var errors = new YamlDiagnostics(file);
        if (!errors.Guard(yaml))
        {
            throw new EnvironmentConfigException(errors.All);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            errors.Add((int)exception.Start.Line, (int)exception.Start.Column,
                $"not valid YAML: {exception.InnerException?.Message ?? exception.Message}");
            throw new EnvironmentConfigException(errors.All);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1 throws these (not YamlException) for some malformed input (found by fuzzing).
            errors.Add(1, 1, "not valid YAML: the YAML reader could not scan the file; check indentation (spaces only) and quote texts with ': ', '#', '[' or '{'");
            throw new EnvironmentConfigException(errors.All);
        }
        if (stream.Documents.Count != 1)
        {
            errors.Add(1, 1, "expected exactly one YAML document describing the environment");
            throw new EnvironmentConfigException(errors.All);
        }

        var root = stream.Documents[0].RootNode;
        var top = errors.Mapping(root, "the environment", TopKeys);
        var name = errors.Text(top, "name", "the environment", root, required: true);
        if (name is not null && !EnvironmentName().IsMatch(name))
        {
            errors.Add(top["name"], $"name '{name}' must be lowercase letters, digits and '-', start with a letter, at most 24 characters");
        }
        else if (name is not null && expectedName is not null && name != expectedName)
        {
            errors.Add(top["name"], $"name '{name}' must match the file name; rename the file to {name}.yaml or set name: {expectedName}");
        }

        var provider = errors.Text(top, "provider", "the environment", root, required: true);
        var knownProviders = providers ?? DefaultProviders;
        if (provider is not null && !knownProviders.Contains(provider))
        {
            errors.Add(top["provider"], $"unknown provider '{provider}'; known: {string.Join(", ", knownProviders)}");
        }

        var network = ReadNetwork(errors, top, root, name);
        var defaults = top.TryGetValue("defaults", out var defaultsNode)
            ? ReadResources(errors, errors.Mapping(defaultsNode, "defaults", ResourceKeys), "defaults", new Resources(1, 512, 4))
            : new Resources(1, 512, 4);
        var settings = ReadProviderSettings(errors, top);

        var nodes = new List<(NodeSpec Spec, YamlNode Node, Dictionary<string, YamlNode> Entries)>();
        if (!top.TryGetValue("nodes", out var nodesNode))
        {
            errors.Add(root, "the environment is missing the required key 'nodes'");
        }
        else if (nodesNode is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            errors.Add(nodesNode, "'nodes' must be a non-empty list of nodes");
        }
        else
        {
            foreach (var nodeNode in sequence.Children)
            {
                var label = nodeNode is YamlMappingNode mapping
                    && mapping.Children.TryGetValue(new YamlScalarNode("hostname"), out var hostnameNode)
                    && hostnameNode is YamlScalarNode { Value: { Length: > 0 } hostnameText }
                    ? $"node '{hostnameText}'"
                    : "a node";
                var entries = errors.Mapping(nodeNode, label, NodeKeys);
                var node = ReadNode(errors, nodeNode, entries, network, defaults);
                if (node is not null)
                {
                    nodes.Add((node, nodeNode, entries));
                }
            }
        }

        EnvironmentConfigChecks.CheckNodes(errors, nodes, network, roles);
        var roleSettings = top.TryGetValue("role_settings", out var roleSettingsNode)
            ? EnvironmentConfigChecks.CheckRoleSettings(errors, roleSettingsNode, nodes.Select(node => node.Spec).ToList(), roles)
            : null;
        if (roles is not null)
        {
            EnvironmentConfigChecks.CheckPorts(errors, nodes, roles, roleSettings ?? []);
        }
        if (errors.All.Count > 0)
        {
            throw new EnvironmentConfigException(errors.All);
        }
        return new EnvironmentSpec(name!, provider!, network!.Value.Spec, nodes.Select(node => node.Spec).ToList(), settings)
        {
            RoleSettingsJson = roleSettings?.ToJsonString() ?? "{}",
        };
    }

    private static (NetworkSpec Spec, Ipv4Subnet Subnet, uint Gateway)? ReadNetwork(YamlDiagnostics errors,
        Dictionary<string, YamlNode> top, YamlNode root, string? environmentName)
    {
        if (!top.TryGetValue("network", out var networkNode))
        {
            errors.Add(root, "the environment is missing the required key 'network' (subnet, gateway, optional bridge)");
            return null;
        }
        var entries = errors.Mapping(networkNode, "network", NetworkKeys);
        var subnetText = errors.Text(entries, "subnet", "network", networkNode, required: true);
        var gatewayText = errors.Text(entries, "gateway", "network", networkNode, required: true);
        var bridge = errors.Text(entries, "bridge", "network", networkNode, required: false)
            ?? DefaultBridgeName(environmentName ?? "env");
        if (!BridgeName().IsMatch(bridge))
        {
            errors.Add(entries.GetValueOrDefault("bridge") ?? networkNode,
                $"bridge '{bridge}' must be 1..15 characters of letters, digits, '-', '_' or '.' (a Linux interface name)");
        }
        if (subnetText is null || gatewayText is null)
        {
            return null;
        }
        if (!Ipv4Subnet.TryParse(subnetText, out var subnet, out var problem))
        {
            errors.Add(entries["subnet"], problem);
            return null;
        }
        if (!Ipv4Subnet.TryParseAddress(gatewayText, out var gateway))
        {
            errors.Add(entries["gateway"], $"gateway '{gatewayText}' is not an IPv4 address, e.g. {Ipv4Subnet.Format(subnet.Network + 1)}");
            return null;
        }
        if (!subnet.IsHostAddress(gateway))
        {
            errors.Add(entries["gateway"], $"gateway {gatewayText} is not a host address of the subnet {subnet}");
            return null;
        }
        return (new NetworkSpec(bridge, subnet.ToString(), gatewayText), subnet, gateway);
    }

    /// <summary>Bridge used when the file names none: <c>cb-</c> plus the environment name, cut to 15 characters.</summary>
    public static string DefaultBridgeName(string environmentName)
    {
        var name = "cb-" + environmentName;
        return name.Length <= 15 ? name : name[..15];
    }

    private static NodeSpec? ReadNode(YamlDiagnostics errors, YamlNode nodeNode, Dictionary<string, YamlNode> entries,
        (NetworkSpec Spec, Ipv4Subnet Subnet, uint Gateway)? network, Resources defaults)
    {
        var hostname = errors.Text(entries, "hostname", "a node", nodeNode, required: true);
        if (hostname is not null && !Hostname().IsMatch(hostname))
        {
            errors.Add(entries["hostname"], $"hostname '{hostname}' must be 1..63 lowercase letters, digits or '-', not starting or ending with '-'");
            hostname = null;
        }
        var what = hostname is null ? "a node" : $"node '{hostname}'";
        var address = errors.Text(entries, "address", what, nodeNode, required: true);
        var roles = ReadRoles(errors, entries, what, nodeNode);
        var resources = ReadResources(errors, entries, what, defaults);
        var placement = errors.Text(entries, "placement", what, nodeNode, required: false);
        if (hostname is null || address is null || roles is null)
        {
            return null;
        }
        // An invalid address is already reported; the node still takes part in the other checks.
        var normalised = NormaliseAddress(errors, entries["address"], address, network) ?? "";
        return new NodeSpec(hostname, roles, normalised, resources.Cores, resources.MemoryMiB, resources.DiskGiB, placement);
    }

    private static string? NormaliseAddress(YamlDiagnostics errors, YamlNode at, string text,
        (NetworkSpec Spec, Ipv4Subnet Subnet, uint Gateway)? network)
    {
        var parts = text.Split('/');
        if (parts.Length > 2 || !Ipv4Subnet.TryParseAddress(parts[0], out var address))
        {
            errors.Add(at, $"address '{text}' is not an IPv4 address (optionally with the subnet's prefix, e.g. 10.80.0.11/24)");
            return null;
        }
        if (network is not { } net)
        {
            return null;
        }
        if (parts.Length == 2 && parts[1] != net.Subnet.PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            errors.Add(at, $"address '{text}' has prefix /{parts[1]} but the environment's subnet is {net.Subnet}");
            return null;
        }
        if (!net.Subnet.IsHostAddress(address))
        {
            errors.Add(at, $"address {parts[0]} is outside the environment's subnet {net.Subnet} (or is its network/broadcast address)");
            return null;
        }
        if (address == net.Gateway)
        {
            errors.Add(at, $"address {parts[0]} is the gateway's address; pick another one");
            return null;
        }
        return $"{parts[0]}/{net.Subnet.PrefixLength}";
    }

    private static List<string>? ReadRoles(YamlDiagnostics errors, Dictionary<string, YamlNode> entries, string what, YamlNode nodeNode)
    {
        if (!entries.TryGetValue("roles", out var rolesNode))
        {
            errors.Add(nodeNode, $"{what} is missing the required key 'roles' (a list of role names)");
            return null;
        }
        if (rolesNode is not YamlSequenceNode { Children.Count: > 0 } sequence
            || sequence.Children.Any(child => child is not YamlScalarNode { Value.Length: > 0 }))
        {
            errors.Add(rolesNode, $"'roles' of {what} must be a non-empty list of role references (role or role:instance)");
            return null;
        }
        var malformed = sequence.Children.FirstOrDefault(child => !RoleReferencePattern().IsMatch(((YamlScalarNode)child).Value!));
        if (malformed is not null)
        {
            errors.Add(malformed, $"'{((YamlScalarNode)malformed).Value}' is not a role reference; write role or role:instance " +
                "with lowercase letters, digits and '-'");
            return null;
        }
        return sequence.Children.Select(child => ((YamlScalarNode)child).Value!).ToList();
    }

    private static Resources ReadResources(YamlDiagnostics errors, Dictionary<string, YamlNode> entries, string what, Resources defaults) =>
        new(errors.Integer(entries, "cores", what, 1) ?? defaults.Cores,
            errors.Integer(entries, "memory_mib", what, 64) ?? defaults.MemoryMiB,
            errors.Integer(entries, "disk_gib", what, 1) ?? defaults.DiskGiB);

    private static Dictionary<string, string> ReadProviderSettings(YamlDiagnostics errors, Dictionary<string, YamlNode> top)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!top.TryGetValue("provider_settings", out var node))
        {
            return settings;
        }
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, "'provider_settings' must be a mapping of names to plain values");
            return settings;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            // An identifier of a credential (token_id) is not a secret; its value (token secret, password, key) is.
            if (SecretLike().IsMatch(name) && !name.EndsWith("_id", StringComparison.Ordinal))
            {
                errors.Add(key, $"'{name}' looks like a secret; secrets never go into node configuration, pass them as secret build parameters");
            }
            else if (value is not YamlScalarNode { Value: { } text })
            {
                errors.Add(value, $"provider setting '{name}' must be a plain value");
            }
            else
            {
                settings[name] = text;
            }
        }
        return settings;
    }

    private sealed record Resources(int Cores, int MemoryMiB, int DiskGiB);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,23}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Hostname();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}(:[a-z0-9][a-z0-9-]{0,62})?$")]
    private static partial Regex RoleReferencePattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex BridgeName();

    [GeneratedRegex("(password|secret|token|private_?key)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();
}
