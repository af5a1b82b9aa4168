using System.Text;

namespace CamBuild.Deploy.Deployment;

/// <summary>The deploy failed on one or more nodes; the message names each node, step and its log lines.</summary>
internal sealed class DeployFailedException : Exception
{
    public DeployFailedException(string environment, IReadOnlyList<NodeFailure> failures, string aftermath)
        : base(Describe(environment, failures, aftermath))
    {
        Failures = failures;
    }

    public IReadOnlyList<NodeFailure> Failures { get; }

    private static string Describe(string environment, IReadOnlyList<NodeFailure> failures, string aftermath)
    {
        var text = new StringBuilder($"deploy of environment '{environment}' failed on {failures.Count} node(s); {aftermath}");
        foreach (var failure in failures)
        {
            text.Append('\n').Append($"  node '{failure.Hostname}', step '{failure.Step}': {failure.Problem}");
            foreach (var line in failure.LogLines)
            {
                text.Append("\n    | ").Append(line);
            }
        }
        return text.ToString();
    }
}
