using CamBuild.Targets.Caching;

namespace CamBuild.Targets.Execution;

/// <param name="Skip">Null: no <c>--skip</c>; empty: skip every target not invoked; names: skip those unless invoked.</param>
/// <param name="Force">Null: use the cache; empty: ignore it for all targets; names: ignore it for those.</param>
/// <param name="PreviouslySucceeded">Targets that succeeded in the interrupted attempt being continued.</param>
internal sealed record ExecutorOptions(
    IReadOnlyList<string>? Skip = null,
    IReadOnlyList<string>? Force = null,
    IReadOnlySet<string>? PreviouslySucceeded = null,
    TargetCache? Cache = null,
    Action<string>? OnSucceeded = null);
