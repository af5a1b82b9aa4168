namespace CamBuild.CI;

/// <summary>
/// The events that start a workflow. Path filters use a leading '!' for exclusions.
/// A pull_request tag filter does not exist on GitHub, so there is none here.
/// </summary>
public sealed record GitHubTriggers
{
    public IReadOnlyList<string> PushBranches { get; init; } = [];
    public IReadOnlyList<string> PushTags { get; init; } = [];
    public IReadOnlyList<string> PushPaths { get; init; } = [];
    public bool PullRequest { get; init; }
    public IReadOnlyList<string> PullRequestBranches { get; init; } = [];
    public IReadOnlyList<string> PullRequestPaths { get; init; } = [];

    /// <summary>POSIX cron expressions, evaluated by GitHub in UTC.</summary>
    public IReadOnlyList<string> Schedules { get; init; } = [];

    public bool WorkflowDispatch { get; init; }

    /// <summary>Manual-run inputs; each is passed to the jobs whose targets declare the parameter of the same name.</summary>
    public IReadOnlyList<WorkflowDispatchInput> WorkflowDispatchInputs { get; init; } = [];

    public bool Push => PushBranches.Count > 0 || PushTags.Count > 0 || PushPaths.Count > 0;
}

/// <param name="Name">The build parameter name the input binds to.</param>
public sealed record WorkflowDispatchInput(string Name, string Description)
{
    public bool Required { get; init; }
    public string? Default { get; init; }

    /// <summary>Allowed values; when set, GitHub shows a choice input.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
