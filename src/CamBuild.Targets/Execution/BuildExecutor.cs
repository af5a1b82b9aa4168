using System.Diagnostics;
using CamBuild.Targets.Caching;
using CamBuild.Targets.Output;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Execution;

/// <summary>
/// Runs a plan: skips and requirements are settled before the first target; then each target runs in order unless
/// a dynamic condition is false or its cache entry is still valid. A failure stops the run (remaining targets are
/// NotRun) except for targets that proceed after failure; assured targets run anyway.
/// </summary>
internal sealed partial class BuildExecutor(ExecutionPlan plan, ExecutorOptions options, IBuildLog log)
{
    public async Task<BuildResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var skipped = SkipMarker.Mark(plan, options);
        CheckRequirements(skipped);

        var results = new Dictionary<string, TargetResult>(StringComparer.Ordinal);
        var stopped = false;
        foreach (var target in plan.Targets)
        {
            if (skipped.TryGetValue(target.Name, out var reason))
            {
                results[target.Name] = new(target.Name, TargetStatus.Skipped, TimeSpan.Zero, reason);
                continue;
            }

            if ((stopped || cancellationToken.IsCancellationRequested) && !target.AssuredAfterFailure)
            {
                results[target.Name] = new(target.Name, TargetStatus.NotRun, TimeSpan.Zero, null);
                continue;
            }

            var result = await RunOneAsync(target, stopped, [.. plan.Targets.Where(t => results.ContainsKey(t.Name)).Select(t => results[t.Name])], cancellationToken).ConfigureAwait(false);
            results[target.Name] = result;
            Hosting.StartupTiming.Mark($"{target.Name} {result.Status}");
            if (result.Status is TargetStatus.Failed or TargetStatus.Aborted && !target.ProceedAfterFailure)
                stopped = true;
        }

        return new BuildResult(plan.Targets.Select(t => results[t.Name]).ToList());
    }

    private void CheckRequirements(Dictionary<string, string> skipped)
    {
        var unmet = plan.Targets
            .Where(t => !skipped.ContainsKey(t.Name))
            .SelectMany(t => t.Requirements.Where(r => !r.Evaluate()).Select(r => $"Target '{t.Name}' requires '{r.Text}'."))
            .ToList();
        if (unmet.Count > 0)
            throw new BuildUsageException(string.Join(Environment.NewLine, unmet) + Environment.NewLine +
                "Set the missing parameters on the command line, in the environment or in .nuke/parameters.json.");
    }

    private async Task<TargetResult> RunOneAsync(TargetSpec target, bool inFailureMode, IReadOnlyList<TargetResult> completed, CancellationToken cancellationToken)
    {
        var failedCondition = target.DynamicConditions.FirstOrDefault(c => !c.Evaluate());
        if (failedCondition is not null)
            return new(target.Name, TargetStatus.Skipped, TimeSpan.Zero, $"OnlyWhen: {failedCondition.Text}");

        var watch = Stopwatch.StartNew();
        var cache = options.Cache;
        var useCache = cache is not null && target.Cache.IsCacheable && !IsForced(target);
        CacheInputs? inputs = null;
        IReadOnlyList<string> why = [];
        if (cache is not null && target.Cache.IsCacheable)
        {
            try
            {
                inputs = cache.Inputs(target, Dependencies(target));
                log.Debug($"{target.Name}: cache key {inputs.Key[..12]} computed in {watch.Elapsed.TotalMilliseconds:0} ms");
                if (useCache && cache.IsHit(target, inputs))
                {
                    log.Section(target.Name, "cached");
                    log.Info($"Inputs unchanged (key {inputs.Key[..12]}) and outputs intact: not executed.");
                    return new(target.Name, TargetStatus.Cached, watch.Elapsed, null);
                }

                why = useCache ? cache.Explain(target, inputs) : ["--force"];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Inputs and outputs derived from configuration read it: a bad file fails the target, not the engine.
                log.Section(target.Name, null);
                return Failed(target, watch, e, inFailureMode, []);
            }
        }

        log.Section(target.Name, null);
        // Why it executes goes to build.log (and to the console with --verbosity verbose).
        foreach (var reason in why)
            log.Debug($"Executes: {reason}");
        var context = new TargetContext(target.Name, log, cancellationToken, completed);
        try
        {
            foreach (var action in target.Actions)
                await action(context).ConfigureAwait(false);
            if (cache is not null && inputs is not null) cache.Record(target, inputs);
            options.OnSucceeded?.Invoke(target.Name);
            return new(target.Name, TargetStatus.Succeeded, watch.Elapsed, null) { Summary = context.Summary };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Error($"{target.Name} was cancelled.");
            return new(target.Name, TargetStatus.Aborted, watch.Elapsed, "cancelled") { Summary = context.Summary };
        }
#pragma warning disable CA1031 // The engine turns whatever a target throws into that target's failed result (exit code and summary).
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failed(target, watch, e, inFailureMode, context.Summary);
        }
    }

    /// <summary>Only an <see cref="CamBuild.Common.InputException"/> is an input error (exit 2, message only); anything else is exit 1 with its stack.</summary>
    private TargetResult Failed(TargetSpec target, Stopwatch watch, Exception e, bool inFailureMode, IReadOnlyList<KeyValuePair<string, string>> summary)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        var isInput = inner is CamBuild.Common.InputException;
        log.Error(isInput ? inner.Message : inner.ToString());
        var reason = $"{inner.GetType().Name}: {FirstLine(inner.Message)}";
        if (inFailureMode) log.Warn($"{target.Name} failed while running after an earlier failure.");
        return new(target.Name, TargetStatus.Failed, watch.Elapsed, reason) { Summary = summary, IsInputError = isInput };
    }

    private IEnumerable<TargetSpec> Dependencies(TargetSpec target) => plan.Graph.Dependencies[target.Name].Select(d => plan.Graph[d]);

    private bool IsForced(TargetSpec target) =>
        options.Force is { } force && (force.Count == 0 || force.Any(f => TargetGraph.Key(f) == TargetGraph.Key(target.Name)));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length > 100 ? line[..97] + "..." : line;
    }
}
