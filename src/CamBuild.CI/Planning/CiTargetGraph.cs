using System.Text.RegularExpressions;

namespace CamBuild.CI;

/// <summary>The targets CI knows, validated: unique names, known dependencies, no cycles.</summary>
internal sealed partial class CiTargetGraph
{
    private readonly Dictionary<string, CiTarget> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> declarationIndex = new(StringComparer.OrdinalIgnoreCase);

    public CiTargetGraph(IReadOnlyList<CiTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            if (!TargetName().IsMatch(target.Name))
                throw new CiConfigurationException($"CI target '{target.Name}': a target name must start with a letter and contain only letters, digits, '_', '.' or '-'; rename the target.");
            if (!byName.TryAdd(target.Name, target))
                throw new CiConfigurationException($"CI target '{target.Name}' is declared twice (names are case-insensitive); give each target a unique name.");
            declarationIndex[target.Name] = declarationIndex.Count;
        }
        foreach (var target in targets)
        {
            foreach (var dependency in target.DependsOn)
            {
                if (!byName.ContainsKey(dependency))
                    throw new CiConfigurationException($"CI target '{target.Name}' depends on unknown target '{dependency}'; known targets: {string.Join(", ", targets.Select(t => t.Name))}.");
            }
            foreach (var earlier in target.After.Where(name => !byName.ContainsKey(name)))
                throw new CiConfigurationException($"CI target '{target.Name}' runs after unknown target '{earlier}'; known targets: {string.Join(", ", targets.Select(t => t.Name))}.");
        }
        foreach (var target in targets)
            ThrowOnCycle(target.Name, [], new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    }

    public IReadOnlyCollection<CiTarget> Targets => byName.Values;

    public bool Contains(string name) => byName.ContainsKey(name);

    public CiTarget Get(string name) =>
        byName.TryGetValue(name, out var target)
            ? target
            : throw new CiConfigurationException($"Unknown CI target '{name}'; known targets: {string.Join(", ", byName.Values.OrderBy(Index).Select(t => t.Name))}.");

    /// <summary>The invoked targets and everything they depend on, transitively.</summary>
    public IReadOnlySet<string> Closure(IEnumerable<string> invoked)
    {
        var closure = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(invoked.Select(name => Get(name).Name));
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!closure.Add(name))
                continue;
            foreach (var dependency in byName[name].DependsOn)
                pending.Push(byName[dependency].Name);
        }
        return closure;
    }

    /// <summary>Dependencies first, then the <see cref="CiTarget.After"/> targets among the names; ties broken by declaration order, so the result is deterministic.</summary>
    public IReadOnlyList<string> InExecutionOrder(IEnumerable<string> names)
    {
        var wanted = new HashSet<string>(names.Select(name => Get(name).Name), StringComparer.OrdinalIgnoreCase);
        var ordered = new List<string>();
        var placed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in wanted.OrderBy(Index))
            Place(name, wanted, placed, ordered);
        return ordered;
    }

    private void Place(string name, HashSet<string> wanted, HashSet<string> placed, List<string> ordered)
    {
        if (placed.Contains(name))
            return;
        placed.Add(name);
        foreach (var dependency in byName[name].DependsOn.OrderBy(Index))
            Place(byName[dependency].Name, wanted, placed, ordered);
        foreach (var earlier in byName[name].After.Where(wanted.Contains).OrderBy(Index))
            Place(byName[earlier].Name, wanted, placed, ordered);
        if (wanted.Contains(name))
            ordered.Add(name);
    }

    private int Index(string name) => declarationIndex[name];

    private int Index(CiTarget target) => declarationIndex[target.Name];

    private void ThrowOnCycle(string name, List<string> path, HashSet<string> done)
    {
        if (path.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            var cycle = path.SkipWhile(p => !p.Equals(name, StringComparison.OrdinalIgnoreCase)).Append(name);
            throw new CiConfigurationException($"CI targets depend on each other in a cycle: {string.Join(" -> ", cycle)}; remove one of these DependsOn.");
        }
        if (done.Contains(name))
            return;
        path.Add(name);
        foreach (var dependency in byName[name].DependsOn)
            ThrowOnCycle(byName[dependency].Name, path, done);
        path.RemoveAt(path.Count - 1);
        done.Add(name);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial Regex TargetName();
}
