using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Deployment;

/// <summary>How a node's boot ended: <c>running</c>, or <c>degraded</c> with the units that failed; <c>no-systemd</c> for a
/// node without its own systemd (role services then use the <see cref="DetachedServices"/> fallback).</summary>
public sealed record BootReport(string State, IReadOnlyList<string> FailedUnits)
{
    public bool Degraded => State == "degraded";

    public bool Systemd => State is "running" or "degraded";
}

/// <summary>
/// Waits, through <see cref="INodeProvider.ExecAsync"/>, until the node's systemd has finished booting
/// (<c>systemctl is-system-running --wait</c>, bounded), so that nothing is specialised while <c>/run</c> or the
/// service manager are still coming up. A node with systemd installed whose PID 1 is something else is refused (role
/// services are systemd units); a node with no systemd at all, or whose PID 1 is not its own (a test "container" that is
/// a mount namespace beside the host), gets the documented <see cref="DetachedServices"/> fallback.
/// </summary>
internal sealed class NodeBoot(INodeProvider provider, TimeSpan timeout)
{
    // $1 = seconds. Exit 3: PID 1 is not systemd or not this node's (stdout: "foreign|no-systemd|not-pid1 <program>"); 4: timeout; 5: boot went wrong.
    // PID 1's program, not its name: systemd started as /sbin/init is called "init" until it renames itself.
    private const string Script =
        "init=$(readlink /proc/1/exe 2>/dev/null); init=${init##*/}; " +
        "if [ \"$(readlink /proc/1/ns/mnt)\" != \"$(readlink /proc/self/ns/mnt)\" ]; then echo \"foreign $init\"; exit 3; fi; " +
        "if [ \"$init\" != systemd ]; then " +
        "  if [ -x /lib/systemd/systemd ] || [ -x /usr/lib/systemd/systemd ]; then echo \"not-pid1 $init\"; else echo \"no-systemd $init\"; fi; exit 3; fi; " +
        "end=$(( $(date +%s) + $1 )); " +
        "while :; do " +
        "  left=$(( end - $(date +%s) )); [ \"$left\" -gt 0 ] || left=1; " +
        "  state=$(timeout \"$left\" systemctl is-system-running --wait 2>/dev/null); " +
        "  case \"$state\" in running|degraded) break ;; maintenance|stopping) echo \"$state\"; exit 5 ;; esac; " +
        "  if [ \"$(date +%s)\" -ge \"$end\" ]; then echo \"timeout ${state:-unknown}\"; systemctl list-jobs --no-legend --plain 2>&1 | head -n 10; exit 4; fi; " +
        "  sleep 0.2; " +
        "done; " +
        "echo \"$state\"; " +
        "if [ \"$state\" = degraded ]; then systemctl list-units --state=failed --no-legend --plain 2>/dev/null | cut -d' ' -f1; fi";

    public async Task<BootReport> WaitAsync(EnvironmentSpec environment, NodeSpec node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var result = await provider.ExecAsync(environment, node, ["/bin/sh", "-c", Script, "sh", seconds],
            timeout + TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        var lines = NodeSpecialiser.Lines(result.StandardOutput);
        var first = lines.Count > 0 ? lines[0] : "";
        switch (result.ExitCode)
        {
            case 0:
                return new BootReport(first, lines.Skip(1).ToList());
            case 3 when !first.StartsWith("not-pid1", StringComparison.Ordinal):
                return new BootReport("no-systemd", []);
            case 3:
                var init = first.Split(' ', 2) is [_, var name] ? name : "?";
                throw new NodeStepException(node.Hostname, "boot",
                    $"PID 1 of the node is '{init}', not systemd; start the node with the candidate's /sbin/init (systemd)", []);
            case 4:
                throw new NodeStepException(node.Hostname, "boot",
                    $"systemd did not finish booting within {timeout.TotalSeconds:0.#} s (state {first.Replace("timeout ", "", StringComparison.Ordinal)})",
                    lines.Skip(1).Select(line => "job: " + line).ToList());
            default:
                throw new NodeStepException(node.Hostname, "boot", $"systemd boot ended in state '{first}' (exit code {result.ExitCode})",
                    NodeSpecialiser.Lines(result.StandardError));
        }
    }
}
