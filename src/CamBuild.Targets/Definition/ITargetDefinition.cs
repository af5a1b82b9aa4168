using System.Runtime.CompilerServices;

namespace CamBuild.Targets;

/// <summary>Fluent definition of a target, recorded before anything runs.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);
    ITargetDefinition DependsOn(params Target[] targets);
    ITargetDefinition DependentFor(params Target[] targets);
    ITargetDefinition After(params Target[] targets);
    ITargetDefinition Before(params Target[] targets);
    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated once the plan is known, before the first target runs; false skips this target and its exclusive dependencies.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string text = "");

    /// <summary>Evaluated just before the target would run.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string text = "");

    /// <summary>Checked before anything runs: false, null or a blank string is an unmet requirement (exit code 2).</summary>
    ITargetDefinition Requires(Func<object?> requirement, [CallerArgumentExpression(nameof(requirement))] string text = "");

    ITargetDefinition ProceedAfterFailure();
    ITargetDefinition AssuredAfterFailure();
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<Task> action);
    ITargetDefinition Executes(Action<TargetContext> action);
    ITargetDefinition Executes(Func<TargetContext, Task> action);

    /// <summary>Files (globs relative to the root) whose content is part of the cache key.</summary>
    ITargetDefinition Inputs(params string[] globs);

    /// <summary>Input globs derived from configuration, evaluated when the cache key is computed.</summary>
    ITargetDefinition Inputs(Func<IEnumerable<string>> list);

    /// <summary>A value (e.g. a parameter) that is part of the cache key; never a secret (its hash would be stored).</summary>
    ITargetDefinition InputValue(string name, Func<string?> value);

    /// <summary>Files (globs relative to the root) the target produces; a cache hit requires them present and intact.</summary>
    ITargetDefinition Outputs(params string[] globs);

    /// <summary>Outputs known only after the run (paths relative to the root), e.g. read from a pointer file.</summary>
    ITargetDefinition Outputs(Func<IEnumerable<string>> list);
}
