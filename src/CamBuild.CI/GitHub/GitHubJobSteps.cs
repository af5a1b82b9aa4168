using CamBuild.CI.Yaml;

namespace CamBuild.CI;

/// <summary>
/// The steps of one job: checkout, caches, downloads of upstream artifacts, the build, an optional
/// teardown that runs even after failure, and uploads of this job's artifacts.
/// </summary>
/// <remarks>
/// Secrets reach only the build and teardown steps, as environment variables read from <c>secrets.*</c>.
/// No <c>::add-mask::</c> step: GitHub already masks every <c>secrets.*</c> value in logs, and a masking
/// step would have to print the secret to a command. Values derived from secrets are the build's to mask.
/// </remarks>
internal static class GitHubJobSteps
{
    private const string UnlessCancelled = "success() || failure()";

    public static YamlSequence Render(CiConfiguration configuration, GitHubActionsWorkflow workflow, GitHubJobPlan plan)
    {
        var steps = new YamlSequence();
        steps.Add(Checkout(workflow));
        foreach (var cache in workflow.Caches)
            steps.Add(Cache(workflow, cache, plan.Job.Id));
        foreach (var target in plan.Downloads)
            steps.Add(Download(workflow, target));

        var environment = Environment(plan);
        var build = new YamlMap()
            .Add("name", $"Run: {string.Join(", ", plan.Chain.Invoked)}")
            .Add("run", plan.Chain.Command(configuration.BuildScript));
        steps.Add(environment.Entries.Count > 0 ? build.Add("env", environment) : build);

        if (plan.Job.TeardownCommand is { } teardown)
        {
            var step = new YamlMap().Add("name", "Teardown").Add("if", "always()").Add("run", teardown);
            steps.Add(environment.Entries.Count > 0 ? step.Add("env", Environment(plan)) : step);
        }
        foreach (var target in plan.Uploads)
            steps.Add(Upload(workflow, target));
        return steps;
    }

    private static YamlMap Checkout(GitHubActionsWorkflow workflow)
    {
        var step = new YamlMap().Add("name", "Checkout").Add("uses", workflow.Actions.Checkout);
        return workflow.FetchDepth is { } depth
            ? step.Add("with", new YamlMap().Add("fetch-depth", YamlScalar.Number(depth)))
            : step;
    }

    private static YamlMap Cache(GitHubActionsWorkflow workflow, GitHubCache cache, string jobId)
    {
        var prefix = cache.PerJob ? $"${{{{ runner.os }}}}-{cache.Name}-{jobId}-" : $"${{{{ runner.os }}}}-{cache.Name}-";
        var hash = $"${{{{ hashFiles({string.Join(", ", cache.KeyFiles.Select(f => $"'{f}'"))}) }}}}";
        return new YamlMap()
            .Add("name", $"Cache: {cache.Name}")
            .Add("uses", workflow.Actions.Cache)
            .Add("with", new YamlMap()
                .Add("path", new YamlLiteral(cache.Paths))
                .Add("key", prefix + hash)
                .Add("restore-keys", new YamlLiteral([prefix])));
    }

    public static YamlMap Download(GitHubActionsWorkflow workflow, CiTarget target) =>
        new YamlMap()
            .Add("name", $"Download: {target.Name}")
            .Add("uses", workflow.Actions.DownloadArtifact)
            .Add("with", new YamlMap()
                .Add("name", target.Name)
                .Add("path", ArtifactPaths.Root(target.Produces)));

    private static YamlMap Upload(GitHubActionsWorkflow workflow, CiTarget target)
    {
        var with = new YamlMap()
            .Add("name", target.Name)
            .Add("path", new YamlLiteral(target.Produces));
        if (workflow.ArtifactRetentionDays is { } days)
            with.Add("retention-days", YamlScalar.Number(days));
        return new YamlMap()
            .Add("name", $"Publish: {target.Name}")
            .Add("if", UnlessCancelled)
            .Add("uses", workflow.Actions.UploadArtifact)
            .Add("with", with);
    }

    private static YamlMap Environment(GitHubJobPlan plan)
    {
        var variables = plan.Secrets.Select(s => KeyValuePair.Create(s.Variable, $"${{{{ secrets.{s.Secret} }}}}"))
            .Concat(plan.Inputs.Select(i => KeyValuePair.Create(i.Variable, i.Expression)));
        return GitHubWorkflowGenerator.Variables(variables);
    }
}
