using System.Text;
using CamBuild.Deploy.Deployment;

namespace CamBuild.Delivery.Rollout;

/// <summary>A batch failed its health checks: the rollout stopped and the replaced nodes were rolled back (exit code 1).</summary>
public sealed class DeliveryFailedException : Exception
{
    public DeliveryFailedException(string environment, int batch, IReadOnlyList<NodeFailure> failures, string aftermath, IReadOnlyList<string> rolledBack)
        : base(Describe(environment, batch, failures, aftermath))
    {
        Environment = environment;
        Batch = batch;
        Failures = failures;
        Aftermath = aftermath;
        RolledBack = rolledBack;
    }

    public string Environment { get; }

    /// <summary>The batch that failed (1-based); 0 when the rollback itself failed.</summary>
    public int Batch { get; }

    /// <summary>What was done about the failure (the rollback), without the failures themselves.</summary>
    public string Aftermath { get; }

    public IReadOnlyList<NodeFailure> Failures { get; }

    public IReadOnlyList<string> RolledBack { get; }

    /// <summary>The same failure with more aftermath (e.g. what the channel now holds): one message, each failure once.</summary>
    public DeliveryFailedException WithAftermath(string more) => new(Environment, Batch, Failures, Aftermath + "; " + more, RolledBack);

    private static string Describe(string environment, int batch, IReadOnlyList<NodeFailure> failures, string aftermath)
    {
        var where = batch > 0 ? $"in batch {batch} " : "while rolling back ";
        var text = new StringBuilder($"delivery to environment '{environment}' failed {where}on {failures.Count} node(s); {aftermath}");
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
