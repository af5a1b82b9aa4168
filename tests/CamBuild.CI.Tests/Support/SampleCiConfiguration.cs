namespace CamBuild.CI.Tests.Support;

/// <summary>A CI configuration shaped like CamBuild's own; the real one lives in build/.</summary>
internal static class SampleCiConfiguration
{
    public static IReadOnlyList<CiTarget> Targets { get; } =
    [
        new("Test") { Description = "Unit and integration tests; fails when CI files are stale", Produces = ["artifacts/test-results/**/*.xml"] },
        new("ResolveLeaves") { Description = "Latest leaf builds from the index", Produces = ["artifacts/leaves.json"], Parameters = ["IndexUrl"] },
        new("Pin") { DependsOn = ["ResolveLeaves"], Produces = ["artifacts/locks/**"] },
        new("BakeCandidate") { DependsOn = ["Pin"], Produces = ["artifacts/candidates/*.tar.zst", "artifacts/candidates/manifest.json"] },
        new("DeployEnvironment") { DependsOn = ["BakeCandidate"], Parameters = ["Environment"], Produces = ["artifacts/environments/**"] },
        new("Qualify") { DependsOn = ["DeployEnvironment"], Produces = ["artifacts/qualification/**"] },
        new("Promote") { DependsOn = ["Qualify"], Parameters = ["Channel"], SecretParameters = ["GitHubToken"], Produces = ["artifacts/releases/**"] },
        new("DestroyEnvironment") { Parameters = ["Environment"] },
    ];

    public static GitHubActionsWorkflow Workflow { get; } = new("ci")
    {
        On = new GitHubTriggers
        {
            PushBranches = ["main"],
            PushTags = ["v*"],
            PullRequest = true,
            PullRequestBranches = ["main"],
            Schedules = ["0 3 * * 1"],
            WorkflowDispatch = true,
            WorkflowDispatchInputs =
            [
                new WorkflowDispatchInput("Environment", "Environment to deploy for qualification") { Default = "qualify", Options = ["qualify", "lab"] },
                new WorkflowDispatchInput("Channel", "Release channel to promote to") { Default = "testing" },
            ],
        },
        Concurrency = GitHubConcurrency.PerRefCancelPullRequests,
        FetchDepth = 0,
        ArtifactRetentionDays = 30,
        Jobs =
        [
            new GitHubJob("test", ["Test"]) { TimeoutMinutes = 30 },
            new GitHubJob("pin", ["ResolveLeaves", "Pin"]) { TimeoutMinutes = 20 },
            new GitHubJob("bake", ["BakeCandidate"]) { TimeoutMinutes = 45 },
            new GitHubJob("qualify", ["DeployEnvironment", "Qualify"])
            {
                RunsOn = ["self-hosted", "linux", "lxc"],
                TimeoutMinutes = 90,
                TeardownCommand = "./build.sh DestroyEnvironment",
            },
            new GitHubJob("promote", ["Promote"])
            {
                Condition = GitHubConditions.OnTag,
                Environment = "release",
                Permissions = new Dictionary<string, string> { ["contents"] = "write" },
                TimeoutMinutes = 15,
            },
        ],
    };

    public static JenkinsPipeline Jenkins { get; } = new()
    {
        AgentLabel = "linux && lxc",
        TimeoutMinutes = 180,
        Credentials = [new JenkinsCredential("GitHubToken", "cambuild-github-token")],
        JUnitResults = "artifacts/test-results/**/*.xml, artifacts/qualification/**/*.xml",
        TeardownCommand = "./build.sh DestroyEnvironment",
        Stages =
        [
            new JenkinsStage("Test", ["Test"]),
            new JenkinsStage("Pin", ["ResolveLeaves", "Pin"]),
            new JenkinsStage("Bake", ["BakeCandidate"]),
            new JenkinsStage("Qualify", ["DeployEnvironment", "Qualify"]) { TimeoutMinutes = 90 },
            new JenkinsStage("Promote", ["Promote"]) { When = JenkinsConditions.BuildingTag },
        ],
    };

    public static CiConfiguration Configuration { get; } = new()
    {
        Targets = Targets,
        GitHubWorkflows = [Workflow],
        Jenkins = Jenkins,
    };
}
