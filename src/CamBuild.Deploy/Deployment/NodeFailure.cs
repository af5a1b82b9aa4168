namespace CamBuild.Deploy.Deployment;

/// <summary>Why a node made the deploy fail: the node, the step, and the log lines that matter.</summary>
public sealed record NodeFailure(string Hostname, string Step, string Problem, IReadOnlyList<string> LogLines);
