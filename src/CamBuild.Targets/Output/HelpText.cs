using System.Text;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Output;

/// <summary>The <c>--help</c> text: targets with their direct dependencies and descriptions, then parameters.</summary>
internal static class HelpText
{
    public static string Render(string title, TargetGraph graph, IReadOnlyList<string> defaults, IReadOnlyList<ParameterInfo> parameters)
    {
        var sb = new StringBuilder();
        sb.AppendLine(title).AppendLine();
        sb.AppendLine("Usage: ./build.sh [targets] [--parameter value ...]").AppendLine();
        sb.AppendLine("Targets (with their direct dependencies):").AppendLine();
        // Topological order of the whole graph (ties by declaration), so the pipeline reads in the order it runs.
        var ordered = ExecutionPlanner.Plan(graph, graph.Targets.Select(t => t.Name).ToList(), []).Targets;
        var listed = ordered.Where(t => !t.Unlisted).ToList();
        var width = listed.Select(t => t.Name.Length + (defaults.Contains(t.Name) ? 10 : 0)).DefaultIfEmpty(0).Max() + 4;
        foreach (var t in listed)
        {
            var name = t.Name + (defaults.Contains(t.Name) ? " (default)" : "");
            var deps = graph.Dependencies[t.Name];
            sb.AppendLine(("  " + name.PadRight(width) + (deps.Count > 0 ? "-> " + string.Join(", ", deps) : "")).TrimEnd());
            if (t.Description is not null) Wrap(sb, t.Description, "      ");
        }

        sb.AppendLine().AppendLine("Parameters:").AppendLine();
        var all = parameters
            .Select(p => (Name: "--" + p.Kebab, Text: Describe(p)))
            .Concat(BuiltInOptions.All.Select(o => (Name: "--" + o.Name, Text: o.Description)))
            .ToList();
        var pw = all.Max(p => p.Name.Length) + 4;
        foreach (var (name, text) in all)
        {
            sb.Append("  ").Append(name.PadRight(pw));
            Wrap(sb, text, new string(' ', pw + 2), firstLineIndented: false);
        }

        return sb.ToString();
    }

    private static string Describe(ParameterInfo p)
    {
        var text = p.Description;
        if (p.AllowedValues.Count > 0) text += $" [{string.Join(", ", p.AllowedValues)}]";
        if (p.IsSecret) text += " (secret: masked in all output)";
        else if (p.DefaultText is not null) text += $" (default: {p.DefaultText})";
        return text;
    }

    private static void Wrap(StringBuilder sb, string text, string indent, bool firstLineIndented = true)
    {
        var line = new StringBuilder(firstLineIndented ? indent : "");
        var first = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first && line.Length + word.Length + 1 > 110)
            {
                sb.AppendLine(line.ToString().TrimEnd());
                line.Clear().Append(indent);
                first = true;
            }

            if (!first) line.Append(' ');
            line.Append(word);
            first = false;
        }

        sb.AppendLine(line.ToString().TrimEnd());
    }
}
