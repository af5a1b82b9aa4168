using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// The documented fallback for nodes without their own systemd (a candidate without an init system, or a test
/// "container" that is only a mount namespace beside the host): each role's service is started detached by
/// <c>setsid</c>, pid in <c>/run/cam/&lt;role&gt;-&lt;instance&gt;.pid</c>, output in <c>/var/log/cam/&lt;role&gt;-&lt;instance&gt;.log</c>.
/// Nothing restarts such a service and a reboot does not bring it back; the deploy says so in a warning. Without
/// systemd nothing mounts <c>/run</c> after specialisation, so this path has no race with the node's boot.
/// </summary>
internal sealed class DetachedServices(INodeProvider provider, RoleCatalog catalog, TimeSpan commandTimeout)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    // $1 = pid/log name, then the command vector. The inner shell records its pid, then becomes the service.
    private const string StartScript =
        "mkdir -p /run/cam /var/log/cam; name=$1; shift; " +
        "setsid -f /bin/sh -c 'echo $$ > \"/run/cam/$0.pid\"; exec \"$@\"' \"$name\" \"$@\" </dev/null >\"/var/log/cam/$name.log\" 2>&1";

    // A node whose init does not reap children keeps exited services as zombies: those count as exited.
    private const string RunningScript =
        "p=$(cat \"/run/cam/$1.pid\") && test -d \"/proc/$p\" && ! grep -q '^State:[[:space:]]*Z' \"/proc/$p/status\"";

    public async Task StartAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        foreach (var reference in node.Roles.Select(RoleReference.Parse))
        {
            var command = RoleCommands.Expand(catalog[reference.Role].Command, environment, node, reference, catalog);
            var result = await provider.ExecAsync(environment, node,
                ["/bin/sh", "-c", StartScript, "sh", reference.FileName, .. command], commandTimeout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new NodeStepException(node.Hostname, $"start role '{reference}'", $"exit code {result.ExitCode}",
                    NodeSpecialiser.Lines(result.StandardError + result.StandardOutput));
            }
        }
    }

    public async Task<bool> RunningAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference, CancellationToken cancellationToken)
    {
        var result = await provider.ExecAsync(environment, node, ["/bin/sh", "-c", RunningScript, "sh", reference.FileName],
            AttemptTimeout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    public async Task<IReadOnlyList<string>> LogAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await provider.ExecAsync(environment, node, ["tail", "-n", "15", $"/var/log/cam/{reference.FileName}.log"],
                AttemptTimeout, cancellationToken).ConfigureAwait(false);
            return NodeSpecialiser.Lines(result.StandardOutput);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            return [$"(service log unavailable: {exception.Message})"];
        }
    }
}
