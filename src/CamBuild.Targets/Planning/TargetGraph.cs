namespace CamBuild.Targets.Planning;

/// <summary>
/// The validated graph of all targets: execution dependencies, triggers and ordering edges resolved from both ends
/// (<c>DependentFor</c>, <c>TriggeredBy</c>, <c>Before</c> folded in). Throws <see cref="BuildUsageException"/> for
/// duplicate names, unknown references and cycles.
/// </summary>
public sealed class TargetGraph
{
    private readonly Dictionary<string, TargetSpec> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IReadOnlyList<TargetSpec> Targets { get; }

    /// <summary>Execution dependencies: target name -> names that must run (and be planned) first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies { get; }

    /// <summary>Triggers: target name -> names added to the plan after it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Triggered { get; }

    /// <summary>All ordering constraints: target name -> names that must come earlier when both are planned.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Predecessors { get; }

    public TargetGraph(IReadOnlyList<TargetSpec> targets)
    {
        Targets = targets;
        for (var i = 0; i < targets.Count; i++)
        {
            var key = Key(targets[i].Name);
            if (!_byKey.TryAdd(key, targets[i]))
                throw new BuildUsageException($"Two targets are named '{targets[i].Name}' (names are compared ignoring case and hyphens). Rename one of them.");
            _index[targets[i].Name] = i;
        }

        var deps = Empty();
        var triggered = Empty();
        var preds = Empty();
        foreach (var t in targets)
        {
            foreach (var d in Refs(t, t.DependsOn, "DependsOn")) { deps[t.Name].Add(d); preds[t.Name].Add(d); }
            foreach (var d in Refs(t, t.DependentFor, "DependentFor")) { deps[d].Add(t.Name); preds[d].Add(t.Name); }
            foreach (var d in Refs(t, t.Triggers, "Triggers")) { triggered[t.Name].Add(d); preds[d].Add(t.Name); }
            foreach (var d in Refs(t, t.TriggeredBy, "TriggeredBy")) { triggered[d].Add(t.Name); preds[t.Name].Add(d); }
            foreach (var d in Refs(t, t.After, "After")) preds[t.Name].Add(d);
            foreach (var d in Refs(t, t.Before, "Before")) preds[d].Add(t.Name);
        }

        Dependencies = Freeze(deps);
        Triggered = Freeze(triggered);
        Predecessors = Freeze(preds);
        CycleDetector.ThrowIfCyclic(targets.Select(t => t.Name).ToList(), Predecessors);

        Dictionary<string, List<string>> Empty() => targets.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
    }

    public int IndexOf(string name) => _index[name];

    public TargetSpec this[string name] => _byKey[Key(name)];

    public bool TryFind(string name, out TargetSpec spec) => _byKey.TryGetValue(Key(name), out spec!);

    /// <summary>Finds a target by a user-typed name (case and hyphens ignored) or throws listing the valid names.</summary>
    public TargetSpec Find(string typed) =>
        TryFind(typed, out var spec)
            ? spec
            : throw new BuildUsageException(
                $"Unknown target '{typed}'. Available targets: {string.Join(", ", Targets.Where(t => !t.Unlisted).Select(t => t.Name))}.");

    public static string Key(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    private IEnumerable<string> Refs(TargetSpec owner, IReadOnlyList<string> names, string kind) =>
        names.Select(n => TryFind(n, out var s)
            ? s.Name
            : throw new BuildUsageException($"Target '{owner.Name}' refers in {kind} to unknown target '{n}'."))
            .Distinct(StringComparer.Ordinal);

    private IReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(Dictionary<string, List<string>> map) =>
        map.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<string>)kv.Value.Distinct(StringComparer.Ordinal).OrderBy(IndexOf).ToList(),
            StringComparer.Ordinal);
}
