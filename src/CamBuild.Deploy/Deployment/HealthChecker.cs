using System.Diagnostics;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>Polls every role's health command on a node until it exits 0 or the timeout passes.</summary>
public sealed class HealthChecker(INodeProvider provider, RoleCatalog catalog, TimeSpan timeout)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public async Task WaitHealthyAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var clock = Stopwatch.StartNew();
        foreach (var reference in node.Roles.Select(RoleReference.Parse))
        {
            var command = RoleCommands.Expand(catalog[reference.Role].Health, environment, node, reference, catalog);
            CommandResult? last = null;
            while (true)
            {
                last = await provider.ExecAsync(environment, node, command, AttemptTimeout, cancellationToken)
                    .ConfigureAwait(false);
                if (last.ExitCode == 0)
                {
                    break;
                }
                var exited = !await ServiceRunningAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
                if (exited || clock.Elapsed > timeout)
                {
                    var log = await ServiceLogAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
                    var check = NodeSpecialiser.Lines(last.StandardError + last.StandardOutput).TakeLast(5);
                    throw new NodeStepException(node.Hostname, $"health of role '{reference}'",
                        exited
                            ? $"the service exited before answering its health check (last check exit code {last.ExitCode})"
                            : $"no healthy answer within {timeout.TotalSeconds:0.#} s (last exit code {last.ExitCode})",
                        check.Select(line => "health: " + line).Concat(log.Select(line => "log: " + line)).ToList());
                }
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A node whose init does not reap children keeps exited services as zombies: those count as exited.
    private const string DeadOrZombie =
        "p=$(cat \"/run/cam/$1.pid\") && test -d \"/proc/$p\" && ! grep -q '^State:[[:space:]]*Z' \"/proc/$p/status\"";

    private async Task<bool> ServiceRunningAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference,
        CancellationToken cancellationToken)
    {
        var result = await provider.ExecAsync(environment, node,
            ["/bin/sh", "-c", DeadOrZombie, "sh", reference.FileName], AttemptTimeout, cancellationToken)
            .ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>Last lines of the role's service log inside the node (empty when it cannot be read).</summary>
    public async Task<IReadOnlyList<string>> ServiceLogAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference,
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
