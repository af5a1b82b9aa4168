using System.Text;
using CamBuild.Deploy.Deployment;

namespace CamBuild.Delivery.Rollout;

/// <summary>A batch failed its health checks: the rollout stopped and the replaced nodes were rolled back (exit code 1).</summary>
public sealed class DeliveryFailedException : Exception
{
    public DeliveryFailedException(string environment, int batch, IReadOnlyList<NodeFailure> failures, string aftermath, IReadOnlyList<string> rolledBack)
        : base(Describe(environment, batch, failures, aftermath))
    {
        Failures = failures;
        RolledBack = rolledBack;
    }

    public IReadOnlyList<NodeFailure> Failures { get; }

    public IReadOnlyList<string> RolledBack { get; }

    private static string Describe(string environment, int batch, IReadOnlyList<NodeFailure> failures, string aftermath)
    {
        var text = new StringBuilder($"delivery to environment '{environment}' failed in batch {batch} on {failures.Count} node(s); {aftermath}");
        foreach (var failure in failures)
        {
            text.Append('\n').Append($"  node '{failure.Hostname}', check '{failure.Step}': {failure.Problem}");
            foreach (var line in failure.LogLines)
            {
                text.Append("\n    | ").Append(line);
            }
        }
        return text.ToString();
    }
}
