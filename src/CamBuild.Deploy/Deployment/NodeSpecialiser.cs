using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Turns a booted node started from the candidate into the configured node, using only
/// <see cref="INodeProvider.ExecAsync"/> so that every provider gets it: site files, then one systemd unit per role
/// instance (<see cref="RoleUnits"/>), enabled and started by the node's own systemd, which restarts a service that
/// fails and starts them all again when the node reboots.
/// </summary>
internal sealed class NodeSpecialiser(INodeProvider provider, RoleCatalog catalog, TimeSpan commandTimeout, TimeSpan? bootTimeout = null)
{
    private readonly DetachedServices detached = new(provider, catalog, commandTimeout);
    private readonly NodeBoot boot = new(provider, bootTimeout ?? TimeSpan.FromSeconds(90));

    /// <summary>Waits for the node's boot to finish (<see cref="NodeBoot"/>), then starts its role services the way the node
    /// supports (systemd units, or the detached fallback on a node without its own systemd).</summary>
    public async Task StartServicesAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        var booted = await boot.WaitAsync(environment, node, cancellationToken).ConfigureAwait(false);
        await StartServicesAsync(environment, node, booted.Systemd, cancellationToken).ConfigureAwait(false);
    }

    private const string WriteFilesScript =
        "set -e; mkdir -p /etc/cam; " +
        "printf '%s' \"$1\" > /etc/cam/site.json.new; mv /etc/cam/site.json.new /etc/cam/site.json; " +
        "printf '%s' \"$2\" > /etc/cam/node.json.new; mv /etc/cam/node.json.new /etc/cam/node.json; " +
        "printf '%s' \"$3\" > /etc/hosts; printf '%s\\n' \"$4\" > /etc/hostname; " +
        // systemd set the kernel's hostname from the candidate's /etc/hostname at boot; a reboot reads the new file.
        "{ hostname \"$4\" || printf '%s' \"$4\" > /proc/sys/kernel/hostname; } 2>/dev/null || true";

    // Arguments: unit name, unit text, unit name, unit text, ... Units of ours no longer wanted are disabled and removed.
    private const string InstallUnitsScript =
        "set -e; cd " + RoleUnits.Directory + "; wanted=' '; " +
        "while [ $# -gt 1 ]; do printf '%s' \"$2\" > \"$1.new\"; mv \"$1.new\" \"$1\"; wanted=\"$wanted$1 \"; shift 2; done; " +
        "for unit in cam-*.service; do [ -f \"$unit\" ] || continue; case \"$wanted\" in *\" $unit \"*) ;; " +
        "*) systemctl disable --now \"$unit\" >/dev/null 2>&1 || true; rm -f \"$unit\" ;; esac; done; " +
        "systemctl daemon-reload; " +
        "if [ \"$wanted\" != ' ' ]; then systemctl enable --now $wanted; fi";

    public Task WriteSiteFilesAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        return RunAsync(environment, node, "write site files",
            ["/bin/sh", "-c", WriteFilesScript, "sh", SiteFiles.SiteJson(environment),
                SiteFiles.NodeJson(environment, node, candidateId), SiteFiles.Hosts(environment), node.Hostname],
            cancellationToken);
    }

    /// <summary>Writes the node's role units, reloads systemd, enables them and starts them (ordered by their dependencies);
    /// with <paramref name="systemd"/> false (a node without its own systemd, see <see cref="BootReport"/>) starts them
    /// detached instead (<see cref="DetachedServices"/>).</summary>
    public Task StartServicesAsync(EnvironmentSpec environment, NodeSpec node, bool systemd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!systemd)
        {
            return detached.StartAsync(environment, node, cancellationToken);
        }
        var units = RoleUnits.ForNode(environment, node, catalog);
        return RunAsync(environment, node, "install role units",
            ["/bin/sh", "-c", InstallUnitsScript, "sh", .. units.SelectMany(unit => new[] { unit.Name, unit.Text })], cancellationToken);
    }

    private async Task RunAsync(EnvironmentSpec environment, NodeSpec node, string step, IReadOnlyList<string> command,
        CancellationToken cancellationToken)
    {
        var result = await provider.ExecAsync(environment, node, command, commandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new NodeStepException(node.Hostname, step,
                $"exit code {result.ExitCode}", Lines(result.StandardError + result.StandardOutput));
        }
    }

    internal static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(20).ToList();
}
