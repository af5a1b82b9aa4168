using System.Globalization;
using System.Text;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// The systemd unit of every role instance on a node (<c>/etc/systemd/system/cam-&lt;role&gt;-&lt;instance&gt;.service</c>),
/// rendered from the role catalogue: command, user, environment, working directory, ordering after the instances
/// of required roles on the same node, <c>Restart=on-failure</c> within the role's start limit, enabled in
/// <c>multi-user.target</c> so that a rebooted node starts it by itself. Deterministic: equal inputs, equal text.
/// </summary>
internal static class RoleUnits
{
    public const string Directory = "/etc/systemd/system";

    public static string UnitName(RoleReference reference) => $"cam-{reference.FileName}.service";

    public static string UnitPath(RoleReference reference) => $"{Directory}/{UnitName(reference)}";

    /// <summary>The service's syslog identifier in the journal: <c>cam-&lt;role&gt;-&lt;instance&gt;</c>.</summary>
    public static string Identifier(RoleReference reference) => $"cam-{reference.FileName}";

    /// <summary>(unit name, unit text) of every role instance placed on the node, in placement order.</summary>
    public static IReadOnlyList<(string Name, string Text)> ForNode(EnvironmentSpec environment, NodeSpec node, RoleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        var placed = node.Roles.Select(RoleReference.Parse).ToList();
        return placed.Select(reference =>
        {
            var role = catalog[reference.Role];
            var dependencies = placed.Where(other => other != reference && role.Requires.Contains(other.Role, StringComparer.Ordinal))
                .Select(UnitName).ToList();
            return (UnitName(reference), Render(environment, node, reference, catalog, dependencies));
        }).ToList();
    }

    public static string Render(EnvironmentSpec environment, NodeSpec node, RoleReference reference, RoleCatalog catalog,
        IReadOnlyList<string> sameNodeDependencies)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(sameNodeDependencies);
        var role = catalog[reference.Role];
        var service = role.Service;
        string Expand(string value) => RoleCommands.Expand([value], environment, node, reference, catalog)[0];
        var command = RoleCommands.Expand(role.Command, environment, node, reference, catalog);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = RoleService.DefaultPath };
        foreach (var (name, value) in service.Environment)
        {
            variables[name] = Expand(value);
        }
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("# Written by CamBuild role specialisation; a redeploy replaces it.\n");
        text.Append("[Unit]\n");
        text.Append("Description=").Append(SystemdSyntax.Literal(
            $"CAM role {reference}{(role.Description.Length > 0 ? " - " + role.Description : "")}", "Description")).Append('\n');
        text.Append("After=network.target");
        foreach (var dependency in sameNodeDependencies)
        {
            text.Append(' ').Append(dependency);
        }
        text.Append('\n');
        if (sameNodeDependencies.Count > 0)
        {
            text.Append("Wants=").AppendJoin(' ', sameNodeDependencies).Append('\n');
        }
        text.Append(invariant, $"StartLimitIntervalSec={service.RestartIntervalSeconds}\n");
        text.Append(invariant, $"StartLimitBurst={service.RestartBurst}\n");
        text.Append("\n[Service]\n");
        text.Append("Type=simple\n");
        text.Append("ExecSearchPath=").Append(SystemdSyntax.Literal(variables["PATH"], "ExecSearchPath")).Append('\n');
        text.Append("ExecStart=").AppendJoin(' ', command.Select(argument => SystemdSyntax.Quote(argument, command: true))).Append('\n');
        foreach (var (name, value) in variables)
        {
            text.Append("Environment=").Append(SystemdSyntax.Quote($"{name}={value}", command: false)).Append('\n');
        }
        if (service.User is not null)
        {
            text.Append("User=").Append(service.User).Append('\n');
        }
        text.Append("WorkingDirectory=").Append(SystemdSyntax.Literal(
            service.WorkingDirectory is null ? "/" : Expand(service.WorkingDirectory), "WorkingDirectory")).Append('\n');
        text.Append("Restart=on-failure\n");
        text.Append(invariant, $"RestartSec={service.RestartDelaySeconds:0.###}\n");
        text.Append("KillSignal=").Append(service.StopSignal).Append('\n');
        text.Append("TimeoutStopSec=10\n");
        text.Append("SyslogIdentifier=").Append(Identifier(reference)).Append('\n');
        text.Append("\n[Install]\n");
        text.Append("WantedBy=multi-user.target\n");
        return text.ToString();
    }
}
