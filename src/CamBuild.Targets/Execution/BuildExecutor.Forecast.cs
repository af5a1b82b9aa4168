using CamBuild.Targets.Caching;

namespace CamBuild.Targets.Execution;

/// <summary>What a planned target would do if the plan ran now, and why (the lines <c>--explain</c> prints).</summary>
/// <param name="Status"><see cref="TargetStatus.Cached"/>, <see cref="TargetStatus.Skipped"/> or <see cref="TargetStatus.Scheduled"/> (would execute).</param>
internal sealed record TargetForecast(string Name, TargetStatus Status, IReadOnlyList<string> Reasons)
{
    public bool Executes => Status == TargetStatus.Scheduled;
}

internal sealed partial class BuildExecutor
{
    /// <summary>
    /// Settles skips and requirements as a run would, then, without executing anything, decides for each target whether
    /// it would be Cached and, when not, why: the inputs that changed since its recorded run, --force, or no cache
    /// declaration. A cached target below one that would execute is told so (its key uses the outputs present now).
    /// </summary>
    public IReadOnlyList<TargetForecast> Forecast()
    {
        var skipped = SkipMarker.Mark(plan, options);
        CheckRequirements(skipped);
        var executing = new HashSet<string>(StringComparer.Ordinal);
        var forecast = new List<TargetForecast>(plan.Targets.Count);
        foreach (var target in plan.Targets)
        {
            var failedCondition = skipped.ContainsKey(target.Name) ? null : target.DynamicConditions.FirstOrDefault(c => !c.Evaluate());
            if (skipped.TryGetValue(target.Name, out var reason) || failedCondition is not null)
            {
                forecast.Add(new(target.Name, TargetStatus.Skipped, [reason ?? $"OnlyWhen: {failedCondition!.Text}"]));
                continue;
            }

            var why = WhyExecutes(target);
            if (why.Count > 0)
            {
                executing.Add(target.Name);
                forecast.Add(new(target.Name, TargetStatus.Scheduled, why));
                continue;
            }

            var before = plan.Graph.Dependencies[target.Name].Where(d => executing.Contains(d) && plan.Graph[d].Cache.HasOutputs).ToList();
            forecast.Add(new(target.Name, TargetStatus.Cached, before.Count == 0 ? [] :
                [$"cached with the outputs {string.Join(", ", before)} left last time; executes too if {(before.Count == 1 ? "it changes them" : "they change them")}"]));
        }

        return forecast;
    }

    /// <summary>Empty when the target would be a cache hit now.</summary>
    private IReadOnlyList<string> WhyExecutes(TargetSpec target)
    {
        var cache = options.Cache;
        if (cache is null) return ["the cache is not in use"];
        if (!target.Cache.IsCacheable) return ["declares no cache inputs: it always executes"];
        CacheInputs inputs;
        try
        {
            inputs = cache.Inputs(target, Dependencies(target));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            return [$"its inputs cannot be evaluated ({inner.GetType().Name}: {FirstLine(inner.Message)}); it would fail"];
        }

        if (IsForced(target)) return ["--force"];
        return cache.IsHit(target, inputs.Key) ? [] : cache.Explain(target, inputs);
    }
}
