using System.Globalization;
using System.Text.RegularExpressions;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>Fills the placeholders of a role's command vectors for one node (see <see cref="RoleDefinition"/>).</summary>
internal static partial class RoleCommands
{
    public const string SitePath = "/etc/cam/site.json";

    public static IReadOnlyList<string> Expand(IReadOnlyList<string> command, EnvironmentSpec environment, NodeSpec node,
        RoleReference reference, RoleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        var role = catalog[reference.Role];
        return command.Select(argument => Placeholder().Replace(argument, match =>
        {
            var name = match.Groups["argument"].Value;
            return match.Groups["key"].Value switch
            {
                "site" => SitePath,
                "instance" => reference.Instance,
                "hostname" => node.Hostname,
                "address" => SiteFiles.HostAddress(node),
                "port" => role.Port?.ToString(CultureInfo.InvariantCulture)
                    ?? throw new InvalidOperationException($"role '{role.Name}' has no port but its command uses {{port}}"),
                "role" when name.Length > 0 => environment.Nodes
                    .FirstOrDefault(other => other.Roles.Any(placed => RoleReference.Parse(placed).Role == name))?.Hostname
                    ?? throw new InvalidOperationException(
                        $"role '{role.Name}' refers to {{role:{name}}} but no node of '{environment.Name}' runs role '{name}'"),
                _ => match.Value,
            };
        })).ToList();
    }

    [GeneratedRegex(@"\{(?<key>site|instance|hostname|address|port|role)(:(?<argument>[a-z0-9_.-]+))?\}")]
    private static partial Regex Placeholder();
}
