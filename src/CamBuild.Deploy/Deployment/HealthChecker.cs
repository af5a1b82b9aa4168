using System.Diagnostics;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Waits until every role instance on a node is healthy: first its systemd unit (active and running, not
/// failed, not waiting to be restarted), then the role's own health command, polled until it exits 0 or the
/// timeout passes. A unit that failed (e.g. its start limit was hit) fails at once; its last journal lines are
/// part of the error.
/// </summary>
internal sealed class HealthChecker(INodeProvider provider, RoleCatalog catalog, TimeSpan timeout)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private readonly DetachedServices detached = new(provider, catalog, AttemptTimeout);

    public async Task WaitHealthyAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var clock = Stopwatch.StartNew();
        foreach (var reference in node.Roles.Select(RoleReference.Parse))
        {
            var command = RoleCommands.Expand(catalog[reference.Role].Health, environment, node, reference, catalog);
            var unitFile = await provider.ExecAsync(environment, node, ["test", "-f", RoleUnits.UnitPath(reference)], AttemptTimeout,
                cancellationToken).ConfigureAwait(false);
            if (unitFile.ExitCode != 0)
            {
                await WaitDetachedAsync(environment, node, reference, command, clock, cancellationToken).ConfigureAwait(false);
                continue;
            }
            CommandResult? check = null;
            while (true)
            {
                var unit = await UnitStatus.ReadAsync(provider, environment, node, RoleUnits.UnitName(reference), AttemptTimeout,
                    cancellationToken).ConfigureAwait(false);
                if (unit.Failed || !unit.Loaded)
                {
                    throw await FailureAsync(environment, node, reference, unit, check,
                        unit.Loaded ? $"the service failed: {unit.Describe()}" : $"unit {unit.Name} is not installed ({unit.Describe()})",
                        cancellationToken).ConfigureAwait(false);
                }
                if (unit.Running)
                {
                    check = await provider.ExecAsync(environment, node, command, AttemptTimeout, cancellationToken).ConfigureAwait(false);
                    if (check.ExitCode == 0)
                    {
                        break;
                    }
                }
                if (clock.Elapsed > timeout)
                {
                    throw await FailureAsync(environment, node, reference, unit, check,
                        unit.Running
                            ? $"no healthy answer within {timeout.TotalSeconds:0.#} s (last exit code {check?.ExitCode}; {unit.Describe()})"
                            : $"the service is not running after {timeout.TotalSeconds:0.#} s: {unit.Describe()}",
                        cancellationToken).ConfigureAwait(false);
                }
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The roles' <see cref="RoleDefinition.Verify"/> checks on a node that is already healthy, each polled until it exits 0
    /// or the timeout passes; then the failure names the role, the check and its last output.
    /// </summary>
    public async Task WaitVerifiedAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var clock = Stopwatch.StartNew();
        foreach (var reference in node.Roles.Select(RoleReference.Parse).Where(reference => catalog[reference.Role].Verify.Count > 0))
        {
            var command = RoleCommands.Expand(catalog[reference.Role].Verify, environment, node, reference, catalog);
            while (true)
            {
                var check = await provider.ExecAsync(environment, node, command, AttemptTimeout, cancellationToken).ConfigureAwait(false);
                if (check.ExitCode == 0)
                {
                    break;
                }
                if (clock.Elapsed > timeout)
                {
                    var journal = await JournalAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
                    throw new NodeStepException(node.Hostname, $"verify of role '{reference}'",
                        $"'{string.Join(' ', command)}' did not pass within {timeout.TotalSeconds:0.#} s (last exit code {check.ExitCode})",
                        NodeSpecialiser.Lines(check.StandardError + check.StandardOutput).TakeLast(5).Select(line => "verify: " + line)
                            .Concat(journal.TakeLast(5).Select(line => "journal: " + line)).ToList());
                }
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The fallback for nodes without their own systemd (no unit file): the role's check, and the pid file says whether it died.
    private async Task WaitDetachedAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference, IReadOnlyList<string> command,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var last = await provider.ExecAsync(environment, node, command, AttemptTimeout, cancellationToken).ConfigureAwait(false);
            if (last.ExitCode == 0)
            {
                return;
            }
            var exited = !await detached.RunningAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
            if (exited || clock.Elapsed > timeout)
            {
                var log = await detached.LogAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
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

    private async Task<NodeStepException> FailureAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference,
        UnitStatus unit, CommandResult? check, string problem, CancellationToken cancellationToken)
    {
        var journal = await JournalAsync(environment, node, reference, cancellationToken).ConfigureAwait(false);
        var checkLines = check is null ? [] : NodeSpecialiser.Lines(check.StandardError + check.StandardOutput).TakeLast(5);
        return new NodeStepException(node.Hostname, $"health of role '{reference}'", problem,
            checkLines.Select(line => "health: " + line).Concat(journal.Select(line => "journal: " + line)).ToList());
    }

    /// <summary>
    /// Last lines of the node's journal about the role's unit: the service's own output and systemd's messages about it
    /// (empty when it cannot be read). The service's output is matched by its syslog identifier too, because lines of a
    /// process that exited at once may reach the journal without their unit.
    /// </summary>
    public async Task<IReadOnlyList<string>> JournalAsync(EnvironmentSpec environment, NodeSpec node, RoleReference reference,
        CancellationToken cancellationToken)
    {
        var unit = RoleUnits.UnitName(reference);
        try
        {
            var result = await provider.ExecAsync(environment, node,
                ["journalctl", "--no-pager", "--quiet", "-o", "cat", "-n", "15", $"_SYSTEMD_UNIT={unit}", "+", $"UNIT={unit}", "+",
                    $"SYSLOG_IDENTIFIER={RoleUnits.Identifier(reference)}"],
                AttemptTimeout, cancellationToken).ConfigureAwait(false);
            return NodeSpecialiser.Lines(result.StandardOutput);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            return [$"(journal unavailable: {exception.Message})"];
        }
    }
}
