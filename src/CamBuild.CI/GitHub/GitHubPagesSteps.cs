using CamBuild.CI.Yaml;

namespace CamBuild.CI;

/// <summary>The GitHub Pages job: download the site target's artifact, upload it as the Pages artifact, deploy it.</summary>
internal static class GitHubPagesSteps
{
    public static YamlMap Job(GitHubActionsWorkflow workflow, GitHubPagesJob pages, IReadOnlyList<GitHubJobPlan> plans, CiTargetGraph graph)
    {
        var where = $"GitHub workflow '{workflow.Name}', Pages job '{pages.Id}'";
        if (plans.Any(plan => plan.Job.Id == pages.Id))
            throw new CiConfigurationException($"{where}: the id is already used by a job; give the Pages job its own id.");
        if (!graph.Contains(pages.SiteTarget))
            throw new CiConfigurationException($"{where}: unknown target '{pages.SiteTarget}'; known targets: {string.Join(", ", graph.Targets.Select(t => t.Name))}.");
        var site = graph.Get(pages.SiteTarget);
        var owner = plans.FirstOrDefault(plan => plan.Uploads.Any(target => target.Name == site.Name))
            ?? throw new CiConfigurationException($"{where}: no job runs '{site.Name}' and uploads its artifact; add it to a job's Targets (and declare what it produces).");
        var map = new YamlMap()
            .Add("name", pages.Id)
            .Add("runs-on", pages.RunsOn.Count == 1 ? new YamlScalar(pages.RunsOn[0]) : YamlSequence.Of(pages.RunsOn, flow: true))
            .Add("needs", YamlSequence.Of([owner.Job.Id], flow: true));
        if (pages.Condition is { } condition)
            map.Add("if", condition);
        map.Add("permissions", new YamlMap().Add("id-token", "write").Add("pages", "write"))
            .Add("environment", new YamlMap().Add("name", "github-pages").Add("url", "${{ steps.deployment.outputs.page_url }}"));
        if (pages.TimeoutMinutes is { } timeout)
            map.Add("timeout-minutes", YamlScalar.Number(timeout));
        var steps = new YamlSequence();
        steps.Add(GitHubJobSteps.Download(workflow, site));
        steps.Add(new YamlMap()
            .Add("name", "Upload: GitHub Pages")
            .Add("uses", workflow.Actions.UploadPagesArtifact)
            .Add("with", new YamlMap().Add("path", ArtifactPaths.Root(site.Produces))));
        steps.Add(new YamlMap()
            .Add("name", "Deploy: GitHub Pages")
            .Add("id", "deployment")
            .Add("uses", workflow.Actions.DeployPages));
        return map.Add("steps", steps);
    }
}
