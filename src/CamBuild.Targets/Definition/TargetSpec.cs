namespace CamBuild.Targets;

/// <summary>A condition or requirement with the source text it was written as.</summary>
public sealed record Check(Func<bool> Evaluate, string Text);

/// <summary>What a target declares for content-addressed caching.</summary>
/// <param name="OutputGlobs">Globs relative to the root, or functions listing outputs known only after the run
/// (e.g. a file whose name carries a content hash), evaluated each time outputs are hashed.</param>
/// <param name="InputLists">Functions listing input globs derived from configuration (the files a config file names),
/// so that inputs are never a hand-copied list that can drift from it.</param>
public sealed record CacheDeclaration(
    IReadOnlyList<string> InputGlobs,
    IReadOnlyList<(string Name, Func<string?> Value)> InputValues,
    IReadOnlyList<string> OutputGlobs,
    IReadOnlyList<Func<IEnumerable<string>>>? OutputLists = null,
    IReadOnlyList<Func<IEnumerable<string>>>? InputLists = null)
{
    public bool IsCacheable => InputGlobs.Count > 0 || InputValues.Count > 0 || InputLists is { Count: > 0 };

    /// <summary>The input globs: the fixed ones and those derived from configuration, evaluated now.</summary>
    public IEnumerable<string> ExpandInputGlobs() => InputGlobs.Concat((InputLists ?? []).SelectMany(f => f()));

    public bool HasOutputs => OutputGlobs.Count > 0 || OutputLists is { Count: > 0 };

    public IEnumerable<string> ExpandOutputs(string root) =>
        OutputGlobs.SelectMany(g => Caching.Glob.Expand(root, g))
            .Concat((OutputLists ?? []).SelectMany(f => f()).Where(p => File.Exists(Path.Combine(root, p))));
}

/// <summary>
/// Plain data describing a target, independent of reflection: the planner and executor work only on these, so tests
/// build graphs by hand.
/// </summary>
public sealed record TargetSpec(string Name)
{
    public string? Description { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public IReadOnlyList<string> DependentFor { get; init; } = [];
    public IReadOnlyList<string> After { get; init; } = [];
    public IReadOnlyList<string> Before { get; init; } = [];
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public IReadOnlyList<string> TriggeredBy { get; init; } = [];
    public IReadOnlyList<Check> StaticConditions { get; init; } = [];
    public IReadOnlyList<Check> DynamicConditions { get; init; } = [];
    public IReadOnlyList<Check> Requirements { get; init; } = [];
    public bool ProceedAfterFailure { get; init; }
    public bool AssuredAfterFailure { get; init; }
    public bool Unlisted { get; init; }
    public IReadOnlyList<Func<TargetContext, Task>> Actions { get; init; } = [];
    public CacheDeclaration Cache { get; init; } = new([], [], []);
}
