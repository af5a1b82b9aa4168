using CamBuild.CI.Yaml;

namespace CamBuild.CI;

/// <summary>Renders a <see cref="GitHubActionsWorkflow"/> as workflow YAML.</summary>
internal static class GitHubWorkflowGenerator
{
    public static GeneratedFile Generate(CiConfiguration configuration, GitHubActionsWorkflow workflow, CiTargetGraph graph)
    {
        GitHubWorkflowValidator.Validate(workflow);
        var plans = GitHubJobPlan.For(workflow, graph);

        var document = new YamlMap()
            .Add("name", workflow.Name, blankLineBefore: true)
            .Add("on", GitHubTriggersYaml.Render(workflow.On), blankLineBefore: true);
        if (workflow.Permissions.Count > 0)
            document.Add("permissions", Permissions(workflow.Permissions), blankLineBefore: true);
        if (workflow.Concurrency is { } concurrency)
            document.Add("concurrency", Concurrency(concurrency), blankLineBefore: true);
        if (workflow.Environment.Count > 0)
            document.Add("env", Variables(workflow.Environment), blankLineBefore: true);

        var jobs = new YamlMap();
        foreach (var plan in plans)
            jobs.Add(plan.Job.Id, Job(configuration, workflow, plan), blankLineBefore: jobs.Entries.Count > 0);
        if (workflow.Pages is { } pages)
            jobs.Add(pages.Id, GitHubPagesSteps.Job(workflow, pages, plans, graph), blankLineBefore: true);
        document.Add("jobs", jobs, blankLineBefore: true);

        var header = GeneratedHeader.Commented(configuration, $"the GitHubActionsWorkflow '{workflow.Name}' in build/", "#");
        return new GeneratedFile(workflow.FileName, header + YamlWriter.Write(document));
    }

    private static YamlMap Job(CiConfiguration configuration, GitHubActionsWorkflow workflow, GitHubJobPlan plan)
    {
        var job = plan.Job;
        var map = new YamlMap()
            .Add("name", job.DisplayName ?? job.Id)
            .Add("runs-on", job.RunsOn.Count == 1 ? new YamlScalar(job.RunsOn[0]) : YamlSequence.Of(job.RunsOn, flow: true));
        if (plan.Chain.Needs.Count > 0)
            map.Add("needs", YamlSequence.Of(plan.Chain.Needs, flow: true));
        if (job.Condition is { } condition)
            map.Add("if", condition);
        if (job.Environment is { } environment)
            map.Add("environment", environment);
        if (job.Permissions.Count > 0)
            map.Add("permissions", Permissions(job.Permissions));
        if (job.TimeoutMinutes is { } timeout)
            map.Add("timeout-minutes", YamlScalar.Number(timeout));
        return map.Add("steps", GitHubJobSteps.Render(configuration, workflow, plan));
    }

    private static YamlMap Permissions(IReadOnlyDictionary<string, string> permissions)
    {
        var map = new YamlMap();
        foreach (var (scope, level) in permissions.OrderBy(p => p.Key, StringComparer.Ordinal))
            map.Add(scope, level);
        return map;
    }

    private static YamlMap Concurrency(GitHubConcurrency concurrency) =>
        new YamlMap()
            .Add("group", concurrency.Group)
            .Add("cancel-in-progress", concurrency.CancelInProgress is "true" or "false"
                ? YamlScalar.Boolean(concurrency.CancelInProgress == "true")
                : new YamlScalar(concurrency.CancelInProgress));

    internal static YamlMap Variables(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var map = new YamlMap();
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            map.Add(name, value);
        return map;
    }
}
