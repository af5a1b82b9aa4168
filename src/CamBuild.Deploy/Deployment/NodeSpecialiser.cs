using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Turns a node started from the candidate into the configured node, using only <see cref="INodeProvider.ExecAsync"/>
/// so that every provider gets it: site files, then each role's service started detached
/// (pid in <c>/run/cam/&lt;role&gt;-&lt;instance&gt;.pid</c>, output in <c>/var/log/cam/&lt;role&gt;-&lt;instance&gt;.log</c>).
/// </summary>
public sealed class NodeSpecialiser(INodeProvider provider, RoleCatalog catalog, TimeSpan commandTimeout)
{
    private const string WriteFilesScript =
        "set -e; mkdir -p /etc/cam /var/log/cam /run/cam; " +
        "printf '%s' \"$1\" > /etc/cam/site.json.new; mv /etc/cam/site.json.new /etc/cam/site.json; " +
        "printf '%s' \"$2\" > /etc/cam/node.json.new; mv /etc/cam/node.json.new /etc/cam/node.json; " +
        "printf '%s' \"$3\" > /etc/hosts; printf '%s\\n' \"$4\" > /etc/hostname";

    // $1 = pid/log name, then the command vector. The inner shell records its pid, then becomes the service.
    private const string StartServiceScript =
        "name=$1; shift; setsid -f /bin/sh -c 'echo $$ > \"/run/cam/$0.pid\"; exec \"$@\"' \"$name\" \"$@\" " +
        "</dev/null >\"/var/log/cam/$name.log\" 2>&1";

    public Task WriteSiteFilesAsync(EnvironmentSpec environment, NodeSpec node, string candidateId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        return RunAsync(environment, node, "write site files",
            ["/bin/sh", "-c", WriteFilesScript, "sh", SiteFiles.SiteJson(environment),
                SiteFiles.NodeJson(environment, node, candidateId), SiteFiles.Hosts(environment), node.Hostname],
            cancellationToken);
    }

    public async Task StartServicesAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var reference in node.Roles.Select(RoleReference.Parse))
        {
            var command = RoleCommands.Expand(catalog[reference.Role].Command, environment, node, reference, catalog);
            await RunAsync(environment, node, $"start role '{reference}'",
                ["/bin/sh", "-c", StartServiceScript, "sh", reference.FileName, .. command], cancellationToken).ConfigureAwait(false);
        }
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
