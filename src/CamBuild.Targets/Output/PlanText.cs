using System.Globalization;
using System.Text;
using CamBuild.Targets.Planning;
using Spectre.Console;

namespace CamBuild.Targets.Output;

/// <summary>The <c>--plan</c> text: the ordered plan, why each target is in it, and a mermaid graph of all targets.</summary>
internal static class PlanText
{
    /// <summary>
    /// The ordered plan and, when given, the parameters bound from outside the defaults (name, value, source). The
    /// caller masks the result: secret values appear here as given and only the masker hides them.
    /// </summary>
    public static string Render(ExecutionPlan plan, IReadOnlyList<(string Name, string Value, string Source)>? parameters = null, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = new Table { Border = TableBorder.Simple }
            .AddColumn(new TableColumn("#") { Alignment = Justify.Right })
            .AddColumn(new TableColumn("Target"))
            .AddColumn(new TableColumn("Why") { NoWrap = true });
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            var t = plan.Targets[i];
            var why = Why(plan, t);
            table.AddRow(new Text((i + 1).ToString(CultureInfo.InvariantCulture)), new Text(t.Name),
                new Text(why, why == "invoked" ? new Style(decoration: Decoration.Bold) : Style.Plain));
        }

        var text = new StringBuilder($"Plan for: {string.Join(" ", plan.Invoked)}\n\n").Append(ConsoleRendering.Render(table, colour));
        if (parameters is { Count: > 0 })
        {
            text.Append("\nParameters:\n");
            var nameWidth = parameters.Max(p => p.Name.Length) + 2;
            foreach (var (name, value, source) in parameters)
                text.Append(CultureInfo.InvariantCulture, $"  {name.PadRight(nameWidth)}{value} ({source})\n");
        }

        return text.ToString();
    }

    private static string Why(ExecutionPlan plan, TargetSpec t)
    {
        if (plan.Invoked.Contains(t.Name)) return "invoked";
        var neededBy = plan.Targets.Where(o => plan.Graph.Dependencies[o.Name].Contains(t.Name)).Select(o => o.Name).ToList();
        var triggeredBy = plan.Targets.Where(o => plan.Graph.Triggered[o.Name].Contains(t.Name)).Select(o => o.Name).ToList();
        var parts = new List<string>();
        if (neededBy.Count > 0) parts.Add("needed by " + string.Join(", ", neededBy));
        if (triggeredBy.Count > 0) parts.Add("triggered by " + string.Join(", ", triggeredBy));
        return string.Join("; ", parts);
    }

    /// <summary>Mermaid flowchart: solid = depends on, dashed = ordering only, thick = triggers; planned targets highlighted.</summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        var g = plan.Graph;
        var sb = new StringBuilder("graph LR\n");
        foreach (var t in g.Targets)
            sb.AppendLine($"  {t.Name}[\"{t.Name}\"]");
        foreach (var t in g.Targets)
        {
            foreach (var d in g.Dependencies[t.Name]) sb.AppendLine($"  {d} --> {t.Name}");
            foreach (var d in g.Triggered[t.Name]) sb.AppendLine($"  {t.Name} ==> {d}");
            foreach (var d in g.Predecessors[t.Name].Where(p => !g.Dependencies[t.Name].Contains(p) && !g.Triggered[p].Contains(t.Name)))
                sb.AppendLine($"  {d} -.-> {t.Name}");
        }

        sb.AppendLine("  classDef planned fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px");
        sb.AppendLine("  classDef unlisted fill:#eeeeee,stroke:#999999,color:#777777");
        if (plan.Targets.Count > 0) sb.AppendLine($"  class {string.Join(",", plan.Targets.Select(t => t.Name))} planned");
        var unlisted = g.Targets.Where(t => t.Unlisted).Select(t => t.Name).ToList();
        if (unlisted.Count > 0) sb.AppendLine($"  class {string.Join(",", unlisted)} unlisted");
        return sb.ToString();
    }
}
