using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Deployment;

/// <summary>What the node's systemd says about one unit (<c>systemctl show</c>).</summary>
internal sealed record UnitStatus(string Name, IReadOnlyDictionary<string, string> Properties)
{
    public static readonly string[] Shown = ["LoadState", "ActiveState", "SubState", "Result", "NRestarts", "MainPID"];

    public string this[string property] => Properties.GetValueOrDefault(property) ?? "";

    public bool Loaded => this["LoadState"] == "loaded";

    public bool Failed => this["ActiveState"] == "failed";

    /// <summary>Active with its main process running (not starting, not waiting to be restarted).</summary>
    public bool Running => this["ActiveState"] == "active" && this["SubState"] == "running";

    public int Restarts => int.TryParse(this["NRestarts"], out var restarts) ? restarts : 0;

    public string Describe() =>
        $"{Name} is {this["ActiveState"]} ({this["SubState"]}), result {this["Result"]}, restarted {Restarts} time(s)";

    public static UnitStatus Parse(string name, string systemctlShow)
    {
        ArgumentNullException.ThrowIfNull(systemctlShow);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in systemctlShow.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                properties[line[..equals]] = line[(equals + 1)..];
            }
        }
        return new UnitStatus(name, properties);
    }

    public static async Task<UnitStatus> ReadAsync(INodeProvider provider, EnvironmentSpec environment, NodeSpec node, string unit,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var result = await provider.ExecAsync(environment, node, ["systemctl", "show", unit, "-p", string.Join(',', Shown)], timeout,
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new NodeStepException(node.Hostname, $"status of {unit}", $"systemctl show exited with {result.ExitCode}",
                NodeSpecialiser.Lines(result.StandardError));
        }
        return Parse(unit, result.StandardOutput);
    }
}
