namespace CamBuild.Deploy.Deployment;

/// <summary>One step on one node failed; carries the log lines that explain it.</summary>
public sealed class NodeStepException(string hostname, string step, string problem, IReadOnlyList<string> logLines)
    : Exception($"node '{hostname}', step '{step}': {problem}")
{
    public string Hostname { get; } = hostname;

    public string Step { get; } = step;

    public string Problem { get; } = problem;

    public IReadOnlyList<string> LogLines { get; } = logLines;
}
