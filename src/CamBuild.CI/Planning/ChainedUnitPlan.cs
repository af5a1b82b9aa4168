namespace CamBuild.CI;

/// <summary>
/// What one CI job (or Jenkins stage) does when jobs are chained NUKE-style: it invokes its targets and
/// skips every target its upstream jobs already ran.
/// </summary>
/// <param name="Id">Job id or stage name.</param>
/// <param name="Invoked">The targets the job invokes (and owns), in execution order.</param>
/// <param name="Executed">Targets that run in this job, in execution order.</param>
/// <param name="Skipped">Targets in this job's plan that upstream jobs ran, in execution order (its <c>--skip</c> list).</param>
/// <param name="Upstream">Every job this one transitively depends on, in input order.</param>
/// <param name="Needs">The direct upstream jobs (the transitive reduction of <paramref name="Upstream"/>), in input order.</param>
internal sealed record ChainedUnitPlan(
    string Id,
    IReadOnlyList<string> Invoked,
    IReadOnlyList<string> Executed,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<string> Upstream,
    IReadOnlyList<string> Needs)
{
    /// <summary>The build invocation, e.g. <c>./build.sh Qualify --skip ResolveLeaves Pin</c>.</summary>
    public string Command(string buildScript) =>
        Skipped.Count == 0
            ? $"{buildScript} {string.Join(' ', Invoked)}"
            : $"{buildScript} {string.Join(' ', Invoked)} --skip {string.Join(' ', Skipped)}";
}
