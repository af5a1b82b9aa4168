namespace CamBuild.CI;

/// <summary>Splits the target graph over CI jobs or stages and derives each one's command, skips and needs.</summary>
internal static class ChainPlanner
{
    /// <param name="graph">The validated targets.</param>
    /// <param name="units">(job id or stage name, invoked targets) in file order.</param>
    /// <param name="owner">Where the units come from, for error messages, e.g. "workflow 'ci'".</param>
    public static IReadOnlyList<ChainedUnitPlan> Plan(
        CiTargetGraph graph, IReadOnlyList<(string Id, IReadOnlyList<string> Targets)> units, string owner)
    {
        var ownerOf = OwnerOfTargets(graph, units, owner);
        var closures = units.ToDictionary(u => u.Id, u => graph.Closure(u.Targets), StringComparer.Ordinal);
        var upstream = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (id, _) in units)
        {
            upstream[id] = closures[id]
                .Where(t => ownerOf.TryGetValue(t, out var o) && o != id)
                .Select(t => ownerOf[t])
                .ToHashSet(StringComparer.Ordinal);
        }
        var transitive = TransitiveUpstream(units, upstream, owner, ownerOf, closures);
        var order = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        return units.Select(unit =>
        {
            var ancestors = transitive[unit.Id];
            var skipped = graph.Closure(closures[unit.Id].Where(t => ownerOf.TryGetValue(t, out var o) && o != unit.Id));
            var executed = closures[unit.Id].Where(t => !skipped.Contains(t));
            var needs = ancestors.Where(a => !ancestors.Any(other => other != a && transitive[other].Contains(a)));
            return new ChainedUnitPlan(
                unit.Id,
                graph.InExecutionOrder(unit.Targets),
                graph.InExecutionOrder(executed),
                graph.InExecutionOrder(skipped),
                ancestors.OrderBy(a => order[a]).ToList(),
                needs.OrderBy(a => order[a]).ToList());
        }).ToList();
    }

    private static Dictionary<string, string> OwnerOfTargets(
        CiTargetGraph graph, IReadOnlyList<(string Id, IReadOnlyList<string> Targets)> units, string owner)
    {
        var ownerOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, targets) in units)
        {
            if (!ids.Add(id))
                throw new CiConfigurationException($"{owner}: '{id}' is declared twice; give every job or stage a unique id.");
            if (targets.Count == 0)
                throw new CiConfigurationException($"{owner}, '{id}': no targets; list at least one target to invoke.");
            foreach (var target in targets)
            {
                if (!graph.Contains(target))
                    throw new CiConfigurationException($"{owner}, '{id}' invokes unknown target '{target}'; known targets: {string.Join(", ", graph.Targets.Select(t => t.Name))}.");
                var name = graph.Get(target).Name;
                if (ownerOf.TryGetValue(name, out var other))
                    throw new CiConfigurationException($"{owner}: target '{name}' is invoked by both '{other}' and '{id}'; a target belongs to one job or stage, remove it from one of them.");
                ownerOf[name] = id;
            }
        }
        return ownerOf;
    }

    private static Dictionary<string, HashSet<string>> TransitiveUpstream(
        IReadOnlyList<(string Id, IReadOnlyList<string> Targets)> units,
        Dictionary<string, HashSet<string>> direct,
        string owner,
        Dictionary<string, string> ownerOf,
        Dictionary<string, IReadOnlySet<string>> closures)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (id, _) in units)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(direct[id]);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                if (next == id)
                    throw new CiConfigurationException($"{owner}: '{id}' and {Describe(direct, id, ownerOf, closures)} need each other's targets, so neither can run first; move the targets so that every dependency of a job's targets is in that job or an earlier one.");
                if (reached.Add(next))
                    foreach (var further in direct[next])
                        pending.Push(further);
            }
            result[id] = reached;
        }
        return result;
    }

    private static string Describe(
        Dictionary<string, HashSet<string>> direct, string id,
        Dictionary<string, string> ownerOf, Dictionary<string, IReadOnlySet<string>> closures)
    {
        var others = direct[id].Select(o => $"'{o}'");
        var borrowed = closures[id].Where(t => ownerOf.TryGetValue(t, out var o) && o != id).Order(StringComparer.Ordinal);
        return $"{string.Join(", ", others)} (it needs {string.Join(", ", borrowed)})";
    }
}
