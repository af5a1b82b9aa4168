namespace CamBuild.Targets;

/// <summary>Records the fluent calls of one target into a <see cref="TargetSpec"/>.</summary>
internal sealed class TargetDefinition(string name, Func<Target, string> nameOf) : ITargetDefinition
{
    private readonly List<string> _dependsOn = [], _dependentFor = [], _after = [], _before = [], _triggers = [], _triggeredBy = [];
    private readonly List<Check> _static = [], _dynamic = [], _requirements = [];
    private readonly List<Func<TargetContext, Task>> _actions = [];
    private readonly List<string> _inputs = [], _outputs = [];
    private readonly List<(string, Func<string?>)> _values = [];
    private readonly List<Func<IEnumerable<string>>> _outputLists = [], _inputLists = [];
    private string? _description;
    private bool _proceed, _assured, _unlisted;

    public TargetSpec ToSpec() => new(name)
    {
        Description = _description,
        DependsOn = [.. _dependsOn], DependentFor = [.. _dependentFor],
        After = [.. _after], Before = [.. _before],
        Triggers = [.. _triggers], TriggeredBy = [.. _triggeredBy],
        StaticConditions = [.. _static], DynamicConditions = [.. _dynamic], Requirements = [.. _requirements],
        ProceedAfterFailure = _proceed, AssuredAfterFailure = _assured, Unlisted = _unlisted,
        Actions = [.. _actions],
        Cache = new CacheDeclaration([.. _inputs], [.. _values], [.. _outputs], [.. _outputLists], [.. _inputLists]),
    };

    public ITargetDefinition Description(string description) { _description = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) => Add(_dependsOn, targets);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(_dependentFor, targets);
    public ITargetDefinition After(params Target[] targets) => Add(_after, targets);
    public ITargetDefinition Before(params Target[] targets) => Add(_before, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(_triggers, targets);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(_triggeredBy, targets);

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string text = "") => AddCheck(_static, condition, text);
    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string text = "") => AddCheck(_dynamic, condition, text);

    public ITargetDefinition Requires(Func<object?> requirement, string text = "") =>
        AddCheck(_requirements, () => IsMet(requirement()), text);

    public ITargetDefinition ProceedAfterFailure() { _proceed = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { _assured = true; return this; }
    public ITargetDefinition Unlisted() { _unlisted = true; return this; }

    public ITargetDefinition Executes(Action action) => Executes(_ => { action(); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<Task> action) => Executes(_ => action());
    public ITargetDefinition Executes(Action<TargetContext> action) => Executes(c => { action(c); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<TargetContext, Task> action) { _actions.Add(action); return this; }

    public ITargetDefinition Inputs(params string[] globs) { _inputs.AddRange(globs); return this; }
    public ITargetDefinition Inputs(Func<IEnumerable<string>> list) { _inputLists.Add(list); return this; }
    public ITargetDefinition InputValue(string name, Func<string?> value) { _values.Add((name, value)); return this; }
    public ITargetDefinition Outputs(params string[] globs) { _outputs.AddRange(globs); return this; }
    public ITargetDefinition Outputs(Func<IEnumerable<string>> list) { _outputLists.Add(list); return this; }

    private TargetDefinition Add(List<string> list, Target[] targets)
    {
        list.AddRange(targets.Select(nameOf));
        return this;
    }

    private TargetDefinition AddCheck(List<Check> list, Func<bool> evaluate, string text)
    {
        list.Add(new Check(evaluate, StripLambda(text)));
        return this;
    }

    private static bool IsMet(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => !string.IsNullOrWhiteSpace(s),
        _ => true,
    };

    internal static string StripLambda(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("() =>", StringComparison.Ordinal) ? trimmed[5..].Trim() : trimmed;
    }
}
