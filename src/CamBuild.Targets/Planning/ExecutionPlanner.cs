namespace CamBuild.Targets.Planning;

/// <summary>The ordered targets to run for one invocation, plus which of them the user named.</summary>
internal sealed record ExecutionPlan(TargetGraph Graph, IReadOnlyList<TargetSpec> Targets, IReadOnlySet<string> Invoked);

/// <summary>
/// Pure planner: the invoked targets, their execution dependencies and their triggers (followed until nothing is
/// added), topologically sorted over every edge kind. Ties are broken by declaration order, so plans are deterministic.
/// </summary>
internal static class ExecutionPlanner
{
    public static ExecutionPlan Plan(TargetGraph graph, IReadOnlyList<string> invoked, IReadOnlyList<string> defaults)
    {
        var roots = (invoked.Count > 0 ? invoked : defaults).Select(n => graph.Find(n).Name).Distinct().ToList();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!planned.Add(name)) continue;
            foreach (var next in graph.Dependencies[name].Concat(graph.Triggered[name]))
                queue.Enqueue(next);
        }

        return new ExecutionPlan(graph, Sort(graph, planned), roots.ToHashSet(StringComparer.Ordinal));
    }

    private static List<TargetSpec> Sort(TargetGraph graph, HashSet<string> planned)
    {
        var remaining = planned.ToDictionary(
            n => n, n => graph.Predecessors[n].Count(planned.Contains), StringComparer.Ordinal);
        var successors = planned.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var n in planned)
            foreach (var p in graph.Predecessors[n].Where(planned.Contains))
                successors[p].Add(n);

        var ready = new SortedSet<int>(remaining.Where(kv => kv.Value == 0).Select(kv => graph.IndexOf(kv.Key)));
        var order = new List<TargetSpec>(planned.Count);
        while (ready.Count > 0)
        {
            var next = graph.Targets[ready.Min];
            ready.Remove(ready.Min);
            order.Add(next);
            foreach (var s in successors[next.Name])
                if (--remaining[s] == 0)
                    ready.Add(graph.IndexOf(s));
        }

        return order;
    }
}
