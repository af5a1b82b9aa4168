using System.Text;
using CamBuild.Common;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Delivery.Config;

/// <summary>A delivery configuration file (channels.yaml, an environment's rollout section) is invalid: exit code 2.</summary>
internal sealed class DeliveryConfigException(IReadOnlyList<Diagnostic> problems) : InputException(Describe(problems))
{
    public IReadOnlyList<Diagnostic> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<Diagnostic> problems)
    {
        var text = new StringBuilder($"{problems.Count} problem(s) in the delivery configuration:");
        foreach (var problem in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column))
        {
            text.Append("\n  ").Append(problem);
        }
        return text.ToString();
    }
}

/// <summary>Ends the reading of a delivery configuration file with every problem found.</summary>
internal static class DeliveryProblems
{
    public static void ThrowIfAny(this YamlDiagnostics problems)
    {
        if (problems.Any)
        {
            throw new DeliveryConfigException(problems.All);
        }
    }
}
