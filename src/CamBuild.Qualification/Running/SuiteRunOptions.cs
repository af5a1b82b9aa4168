namespace CamBuild.Qualification.Running;

/// <summary>Where suites find their inputs and leave their outputs.</summary>
/// <param name="OutputDirectory">Host directory; each invocation writes <c>&lt;name&gt;/output.log</c> and its JUnit there.</param>
public sealed record SuiteRunOptions(string OutputDirectory)
{
    /// <summary>Host path of the expected versions JSON (<c>{versions}</c>); required when a command uses it.</summary>
    public string? VersionsFile { get; init; }

    /// <summary>Host Python for suites that run on the host (a venv made from the candidate's wheels).</summary>
    public string? HostPython { get; init; }

    /// <summary>Host copy of the environment's site.json for suites that run on the host.</summary>
    public string? HostSitePath { get; init; }

    public string NodePython { get; init; } = "/opt/cam/venv/bin/python";

    public string NodeSitePath { get; init; } = "/etc/cam/site.json";

    /// <summary>Directory inside nodes where files are staged and suites write their JUnit; removed afterwards.</summary>
    public string NodeWorkDirectory { get; init; } = "/var/tmp/cambuild-qualification";

    /// <summary>Lines of output quoted in a synthetic failure.</summary>
    public int TailLines { get; init; } = 30;

    /// <summary>Extra time the provider waits beyond a suite's timeout for the in-node <c>timeout</c> to kill it.</summary>
    public TimeSpan NodeGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many nodes an integration suite with <c>for_each_node</c> runs in at once (its per-node health checks
    /// only read); acceptance suites, which may disturb the system, always run one invocation at a time.</summary>
    public int MaxParallelNodes { get; init; } = 4;
}
