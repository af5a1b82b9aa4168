using CamBuild.Targets.Execution;
using CamBuild.Targets.Tests.Support;
using static CamBuild.Targets.Tests.Support.Graphs;

namespace CamBuild.Targets.Tests;

public class ExecutorTests
{
    private readonly List<string> _ran = [];

    private TargetSpec[] Chain() =>
    [
        T("A").Runs(_ran),
        T("B", t => t with { DependsOn = ["A"] }).Runs(_ran),
        T("C", t => t with { DependsOn = ["B"] }).Runs(_ran),
    ];

    [Fact]
    public void Runs_in_plan_order_and_succeeds()
    {
        var result = Run(Chain(), ["C"]);
        Assert.Equal(["A", "B", "C"], _ran);
        Assert.All(result.Targets, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void Skip_without_names_skips_everything_not_invoked()
    {
        var result = Run(Chain(), ["C"], new ExecutorOptions(Skip: []));
        Assert.Equal(["C"], _ran);
        Assert.Equal("via --skip", result.Of("A").Reason);
    }

    [Fact]
    public void Skip_with_names_cascades_to_exclusive_dependencies_but_never_skips_the_invoked_target()
    {
        var result = Run(Chain(), ["C"], new ExecutorOptions(Skip: ["b", "C"]));
        Assert.Equal(["C"], _ran);
        Assert.Equal(TargetStatus.Skipped, result.Of("B").Status);
        Assert.Equal("because of B", result.Of("A").Reason);
        Assert.Equal(TargetStatus.Succeeded, result.Of("C").Status);
    }

    [Fact]
    public void A_dependency_still_needed_by_another_scheduled_target_is_not_skipped()
    {
        var targets = new[]
        {
            T("Shared").Runs(_ran),
            T("X", t => t with { DependsOn = ["Shared"] }).Runs(_ran),
            T("Y", t => t with { DependsOn = ["Shared"] }).Runs(_ran),
            T("All", t => t with { DependsOn = ["X", "Y"] }).Runs(_ran),
        };
        Run(targets, ["All"], new ExecutorOptions(Skip: ["X"]));
        Assert.Equal(["Shared", "Y", "All"], _ran);
    }

    [Fact]
    public void False_static_condition_skips_the_target_and_its_exclusive_dependencies_and_triggers()
    {
        var targets = new[]
        {
            T("Pin").Runs(_ran),
            T("Publish", t => t with { DependsOn = ["Pin"], Triggers = ["Announce"], StaticConditions = [new Check(() => false, "IsServerBuild")] }).Runs(_ran),
            T("Announce").Runs(_ran),
        };
        var result = Run(targets, ["Publish"]);
        Assert.Empty(_ran);
        Assert.Equal("OnlyWhen: IsServerBuild", result.Of("Publish").Reason);
        Assert.Equal("because of Publish", result.Of("Pin").Reason);
        Assert.Equal("because of Publish", result.Of("Announce").Reason);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void Dynamic_condition_is_evaluated_after_dependencies_ran()
    {
        var targets = new[]
        {
            T("A").Runs(_ran),
            T("B", t => t with { DependsOn = ["A"], DynamicConditions = [new Check(() => !_ran.Contains("A"), "!ran")] }).Runs(_ran),
        };
        var result = Run(targets, ["B"]);
        Assert.Equal(["A"], _ran);
        Assert.Equal("OnlyWhen: !ran", result.Of("B").Reason);
    }

    [Fact]
    public void Unmet_requirements_stop_the_build_before_anything_runs()
    {
        var targets = new[]
        {
            T("A").Runs(_ran),
            T("Promote", t => t with { DependsOn = ["A"], Requirements = [new Check(() => false, "GitHubToken"), new Check(() => false, "Channel")] }).Runs(_ran),
        };
        var e = Assert.Throws<BuildUsageException>(() => Run(targets, ["Promote"]));
        Assert.Empty(_ran);
        Assert.Contains("Target 'Promote' requires 'GitHubToken'.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Target 'Promote' requires 'Channel'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_of_skipped_targets_are_ignored()
    {
        var targets = new[] { T("A").Runs(_ran), T("B", t => t with { Requirements = [new Check(() => false, "X")] }) , T("C", t => t with { DependsOn = ["A", "B"] }).Runs(_ran) };
        var result = Run(targets, ["C"], new ExecutorOptions(Skip: ["B"]));
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public void A_failure_stops_the_run_leaves_the_rest_NotRun_and_exits_1()
    {
        var targets = new[] { T("A").Throws(new InvalidOperationException("boom")), T("B", t => t with { DependsOn = ["A"] }).Runs(_ran) };
        var result = Run(targets, ["B"]);
        Assert.Empty(_ran);
        Assert.Equal(TargetStatus.Failed, result.Of("A").Status);
        Assert.Equal("InvalidOperationException: boom", result.Of("A").Reason);
        Assert.Equal(TargetStatus.NotRun, result.Of("B").Status);
        Assert.Equal(ExitCodes.TargetFailed, result.ExitCode);
    }

    [Fact]
    public void Bad_input_in_a_target_exits_2()
    {
        var result = Run([T("Pin").Throws(new BuildInputException("config/leaves.yaml:3: unknown key 'lefs'"))], ["Pin"]);
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
    }

    [Fact]
    public void ProceedAfterFailure_keeps_running_including_dependents_but_the_build_fails()
    {
        var targets = new[]
        {
            T("Lint", t => t with { ProceedAfterFailure = true }).Throws(new InvalidOperationException("style")),
            T("Test", t => t with { DependsOn = ["Lint"] }).Runs(_ran),
        };
        var result = Run(targets, ["Test"]);
        Assert.Equal(["Test"], _ran);
        Assert.Equal(ExitCodes.TargetFailed, result.ExitCode);
    }

    [Fact]
    public void AssuredAfterFailure_targets_run_after_a_failure()
    {
        var targets = new[]
        {
            T("Deploy").Throws(new InvalidOperationException("node failed")),
            T("Qualify", t => t with { DependsOn = ["Deploy"] }).Runs(_ran),
            T("Teardown", t => t with { After = ["Qualify"], AssuredAfterFailure = true }).Runs(_ran),
            T("All", t => t with { DependsOn = ["Qualify", "Teardown"] }).Runs(_ran),
        };
        var result = Run(targets, ["All"]);
        Assert.Equal(["Teardown"], _ran);
        Assert.Equal(TargetStatus.NotRun, result.Of("Qualify").Status);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Teardown").Status);
    }

    [Fact]
    public void Continue_skips_targets_that_succeeded_in_the_attempt_being_continued()
    {
        var result = Run(Chain(), ["C"], new ExecutorOptions(PreviouslySucceeded: new HashSet<string> { "A", "B" }));
        Assert.Equal(["C"], _ran);
        Assert.Equal("succeeded in the attempt being continued", result.Of("B").Reason);
    }

    [Fact]
    public async Task Targets_can_report_summary_pairs_and_progress()
    {
        var log = new RecordingLog();
        var target = T("Bake") with { Actions = [c => { c.Progress(1, 2, "base"); c.ReportSummary("Candidate", "abc123"); return Task.CompletedTask; }] };
        var result = await new BuildExecutor(Plan([target], "Bake"), new ExecutorOptions(), log).RunAsync();
        Assert.Contains("P 1/2 base", log.Lines);
        Assert.Equal(new KeyValuePair<string, string>("Candidate", "abc123"), Assert.Single(result.Of("Bake").Summary));
    }

    [Fact]
    public void Async_actions_are_awaited()
    {
        var target = T("Slow") with { Actions = [async _ => { await Task.Delay(20); _ran.Add("Slow"); }] };
        Run([target], ["Slow"]);
        Assert.Equal(["Slow"], _ran);
    }
}
