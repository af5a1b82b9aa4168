using System.Globalization;
using System.Text;

namespace CamBuild.Deploy.Planning;

/// <summary>Renders a plan as the text table printed before it is applied.</summary>
internal static class PlanTable
{
    private static readonly string[] Header = ["NODE", "ACTION", "ROLES", "ADDRESS", "REASON"];

    public static string Render(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<string[]> { Header };
        rows.AddRange(plan.Nodes.Select(node => new[]
        {
            node.Hostname,
            node.Action.ToString().ToLowerInvariant(),
            node.Desired is null ? "-" : string.Join(',', node.Roles()),
            node.Desired?.Address ?? "-",
            node.Reason,
        }));
        var widths = Enumerable.Range(0, 5).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan for environment '{plan.Environment}' (candidate {plan.CandidateId}):\n");
        foreach (var row in rows)
        {
            text.Append("  ").AppendJoin("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).Append('\n');
        }
        text.Append(plan.UpToDate
            ? "Nothing to do: the environment already runs this candidate with this configuration.\n"
            : string.Create(CultureInfo.InvariantCulture,
                $"{plan.Count(NodeAction.Create)} to create, {plan.Count(NodeAction.Replace)} to replace, " +
                $"{plan.Count(NodeAction.Keep)} to keep, {plan.Count(NodeAction.Destroy)} to destroy.\n"));
        return text.ToString();
    }

    private static IReadOnlyList<string> Roles(this PlannedNode node) => node.Desired?.Roles ?? [];
}
