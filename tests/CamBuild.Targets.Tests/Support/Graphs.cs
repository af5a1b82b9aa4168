using CamBuild.Targets;
using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Tests.Support;

/// <summary>Hand-built graphs and a recording log, so engine tests need no reflection and no process.</summary>
internal static class Graphs
{
    public static TargetSpec T(string name, Func<TargetSpec, TargetSpec>? configure = null) =>
        configure is null ? new TargetSpec(name) : configure(new TargetSpec(name));

    public static TargetSpec Runs(this TargetSpec spec, List<string> journal) =>
        spec with { Actions = [.. spec.Actions, _ => { journal.Add(spec.Name); return Task.CompletedTask; }] };

    public static TargetSpec Throws(this TargetSpec spec, Exception e) =>
        spec with { Actions = [_ => throw e] };

    public static ExecutionPlan Plan(IReadOnlyList<TargetSpec> targets, params string[] invoked) =>
        ExecutionPlanner.Plan(new TargetGraph(targets), invoked, []);

    public static IReadOnlyList<string> Order(IReadOnlyList<TargetSpec> targets, params string[] invoked) =>
        Plan(targets, invoked).Targets.Select(t => t.Name).ToList();

    public static BuildResult Run(IReadOnlyList<TargetSpec> targets, string[] invoked, ExecutorOptions? options = null) =>
        new BuildExecutor(Plan(targets, invoked), options ?? new ExecutorOptions(), new RecordingLog()).RunAsync().GetAwaiter().GetResult();

    public static TargetResult Of(this BuildResult result, string name) => result.Targets.Single(t => t.Name == name);
}

internal sealed class RecordingLog : IBuildLog
{
    public List<string> Lines { get; } = [];
    public void Section(string target, string? note) => Lines.Add($"== {target} {note}");
    public void Debug(string message) => Lines.Add("D " + message);
    public void Info(string message) => Lines.Add("I " + message);
    public void Warn(string message) => Lines.Add("W " + message);
    public void Error(string message) => Lines.Add("E " + message);
    public void Progress(int done, int total, string message) => Lines.Add($"P {done}/{total} {message}");
}
