using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Execution;

/// <summary>
/// Decides, before anything runs, which planned targets are skipped: by <c>--skip</c>, by a resumed attempt, by a
/// false static condition, and then, transitively, dependencies and triggered targets that only skipped targets need.
/// </summary>
internal static class SkipMarker
{
    public static Dictionary<string, string> Mark(ExecutionPlan plan, ExecutorOptions options)
    {
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var inPlan = plan.Targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        if (options.Skip is { Count: 0 })
            foreach (var t in plan.Targets.Where(t => !plan.Invoked.Contains(t.Name)))
                skipped[t.Name] = "via --skip";
        foreach (var typed in options.Skip ?? [])
        {
            var name = plan.Graph.Find(typed).Name;
            if (inPlan.Contains(name) && !plan.Invoked.Contains(name))
                skipped[name] = "via --skip";
        }

        foreach (var t in plan.Targets.Where(t => options.PreviouslySucceeded?.Contains(t.Name) == true))
            skipped.TryAdd(t.Name, "succeeded in the attempt being continued");

        foreach (var t in plan.Targets.Where(t => !skipped.ContainsKey(t.Name)))
        {
            var failed = t.StaticConditions.FirstOrDefault(c => !c.Evaluate());
            if (failed is not null) skipped[t.Name] = $"OnlyWhen: {failed.Text}";
        }

        Cascade(plan, skipped);
        return skipped;
    }

    private static void Cascade(ExecutionPlan plan, Dictionary<string, string> skipped)
    {
        var needers = plan.Targets.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var t in plan.Targets)
            foreach (var needed in plan.Graph.Dependencies[t.Name].Concat(plan.Graph.Triggered[t.Name]))
                if (needers.TryGetValue(needed, out var list)) list.Add(t.Name);

        bool changed;
        do
        {
            changed = false;
            foreach (var t in plan.Targets.Reverse())
            {
                if (skipped.ContainsKey(t.Name) || plan.Invoked.Contains(t.Name)) continue;
                var by = needers[t.Name];
                if (by.Count == 0 || !by.All(skipped.ContainsKey)) continue;
                skipped[t.Name] = $"because of {string.Join(", ", by)}";
                changed = true;
            }
        } while (changed);
    }
}
