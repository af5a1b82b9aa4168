namespace CamBuild.Targets.Planning;

/// <summary>Finds strongly connected components (Tarjan) over all edge kinds, so any cycle is reported before running.</summary>
internal static class CycleDetector
{
    public static void ThrowIfCyclic(IReadOnlyList<string> nodes, IReadOnlyDictionary<string, IReadOnlyList<string>> predecessors)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();

        foreach (var node in nodes)
            if (!indices.ContainsKey(node))
                Visit(node);

        if (cycles.Count > 0)
        {
            var text = string.Join("; ", cycles.Select(c => string.Join(" <-> ", c.OrderBy(n => nodes.ToList().IndexOf(n)))));
            throw new BuildUsageException($"Circular dependencies between targets: {text}. Remove one of the edges (DependsOn, After, Before, Triggers).");
        }

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in predecessors[v])
            {
                if (!indices.TryGetValue(w, out var index)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index);
            }

            if (low[v] != indices[v]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != v);
            if (component.Count > 1 || predecessors[v].Contains(v)) cycles.Add(component);
        }
    }
}
