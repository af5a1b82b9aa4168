using CamBuild.CI.Yaml;

namespace CamBuild.CI;

/// <summary>Renders the <c>on:</c> section.</summary>
internal static class GitHubTriggersYaml
{
    public static YamlMap Render(GitHubTriggers on)
    {
        var map = new YamlMap();
        if (on.Push)
        {
            map.Add("push", new YamlMap()
                .AddIf(on.PushBranches.Count > 0, "branches", () => YamlSequence.Of(on.PushBranches))
                .AddIf(on.PushTags.Count > 0, "tags", () => YamlSequence.Of(on.PushTags))
                .AddIf(on.PushPaths.Count > 0, "paths", () => YamlSequence.Of(on.PushPaths)));
        }
        if (on.PullRequest)
        {
            map.Add("pull_request", on.PullRequestBranches.Count + on.PullRequestPaths.Count == 0
                ? null
                : new YamlMap()
                    .AddIf(on.PullRequestBranches.Count > 0, "branches", () => YamlSequence.Of(on.PullRequestBranches))
                    .AddIf(on.PullRequestPaths.Count > 0, "paths", () => YamlSequence.Of(on.PullRequestPaths)));
        }
        if (on.Schedules.Count > 0)
        {
            var schedules = new YamlSequence();
            foreach (var cron in on.Schedules)
                schedules.Add(new YamlMap().Add("cron", cron));
            map.Add("schedule", schedules);
        }
        if (on.WorkflowDispatch)
            map.Add("workflow_dispatch", on.WorkflowDispatchInputs.Count == 0 ? null : new YamlMap().Add("inputs", Inputs(on.WorkflowDispatchInputs)));
        return map;
    }

    private static YamlMap Inputs(IReadOnlyList<WorkflowDispatchInput> inputs)
    {
        var map = new YamlMap();
        foreach (var input in inputs)
        {
            var entry = new YamlMap()
                .Add("description", input.Description)
                .Add("required", YamlScalar.Boolean(input.Required))
                .Add("type", input.Options.Count > 0 ? "choice" : "string");
            if (input.Default is { } value)
                entry.Add("default", value);
            if (input.Options.Count > 0)
                entry.Add("options", YamlSequence.Of(input.Options));
            map.Add(input.Name, entry);
        }
        return map;
    }
}
