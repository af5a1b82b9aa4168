using CamBuild.CI;
using CamBuild.Pipeline;
using CamBuild.Targets;
using CamBuild.Targets.Planning;
using ParameterInfo = CamBuild.Targets.Parameters.ParameterInfo;

namespace CamBuild.Build.Support;

/// <summary>
/// CamBuild's own CI, as a typed description: the GitHub Actions workflow <c>ci</c> and a Jenkinsfile with the same
/// stages. The targets, their dependencies and artifacts come from the build itself; only how CI groups them into
/// jobs, and which targets read which secrets, is written down here.
/// </summary>
internal static class CiDescription
{
    static readonly string[] LxcRunner = ["self-hosted", "linux", "lxc"];

    public const string RegenerateCommand = "./build.sh GenerateCi";
    public const string CheckCommand = "./build.sh CheckCi";
    private const string ThisFile = "build/Support/CiDescription.cs";

    /// <summary>A parameter CI passes from its secret store (GitHub secret / Jenkins "secret text" credential).</summary>
    private sealed record SecretUse(string Parameter, string JenkinsCredentialId, string[] Targets);

    private static readonly SecretUse[] Secrets =
    [
        new("IndexPassword", "cambuild-index-password", ["ResolveLeaves", "Pin", "BakeCandidate"]),
        new("ProxmoxSecret", "cambuild-proxmox-secret", ["DeployEnvironment", "Qualify", "Teardown", "Deliver"]),
        new("GitHubToken", "cambuild-github-token", ["Promote"]),
    ];

    /// <summary>Plain parameters a manual run may set (workflow_dispatch inputs), with the targets that read them.</summary>
    private static readonly (string Parameter, string[] Targets)[] Inputs =
    [
        ("Environment", ["DeployEnvironment", "Qualify", "Promote", "Teardown"]),
    ];

    public static CiConfiguration For(IReadOnlyList<TargetSpec> targets, IReadOnlyList<ParameterInfo> parameters, PipelinePaths paths)
    {
        Validate(targets, parameters);
        var graph = new TargetGraph(targets);
        var carried = CarriedDirectories(paths);
        var ciTargets = targets
            .OrderBy(t => t.Name, StringComparer.Ordinal) // stable files whatever the order of the build's partial files
            .Select(spec => new CiTarget(spec.Name)
            {
                Description = spec.Description ?? "",
                DependsOn = graph.Dependencies[spec.Name],
                After = [.. graph.Predecessors[spec.Name].Except(graph.Dependencies[spec.Name], StringComparer.Ordinal)],
                Produces = [.. spec.Cache.OutputGlobs.Concat(carried.GetValueOrDefault(spec.Name, [])).Distinct(StringComparer.Ordinal)],
                SecretParameters = [.. Secrets.Where(s => s.Targets.Contains(spec.Name)).Select(s => s.Parameter)],
                Parameters = [.. Inputs.Where(i => i.Targets.Contains(spec.Name)).Select(i => i.Parameter)],
            })
            .ToList();

        return new CiConfiguration
        {
            Targets = ciTargets,
            GitHubWorkflows = [Workflow(parameters)],
            Jenkins = Jenkins(paths),
            RegenerateCommand = RegenerateCommand,
            CheckCommand = CheckCommand,
        };
    }

    private static GitHubActionsWorkflow Workflow(IReadOnlyList<ParameterInfo> parameters) => new("ci")
    {
        On = new GitHubTriggers
        {
            PushBranches = ["main"],
            PushTags = ["v*"],
            PullRequest = true,
            PullRequestBranches = ["main"],
            Schedules = ["0 2 * * *"],
            WorkflowDispatch = true,
            WorkflowDispatchInputs = [.. Inputs.Select(i => Input(parameters.Single(p => p.Name == i.Parameter)))],
        },
        Concurrency = GitHubConcurrency.PerRefCancelPullRequests,
        ArtifactRetentionDays = 30,
        Jobs =
        [
            // Every job needs root with LXC and mmdebstrap (the tests too), so all run on self-hosted LXC runners.
            new GitHubJob("test", ["Test"]) { RunsOn = LxcRunner, TimeoutMinutes = 90 },
            new GitHubJob("pin", ["PrepareBase", "ResolveLeaves", "Pin"]) { RunsOn = LxcRunner, TimeoutMinutes = 30 },
            new GitHubJob("bake", ["BakeCandidate", "VerifyReproducible"]) { RunsOn = LxcRunner, TimeoutMinutes = 60 },
            new GitHubJob("qualify", ["DeployEnvironment", "Qualify"])
            {
                RunsOn = LxcRunner,
                Condition = GitHubConditions.NotPullRequest,
                TimeoutMinutes = 120,
                TeardownCommand = "./build.sh Teardown",
            },
            // Promote, then Deliver the channel's current release; Dashboard runs even when one of them failed or was
            // refused, so the published site shows the refusal or the failed rollout.
            new GitHubJob("promote", ["Promote", "Deliver", "Dashboard"])
            {
                DisplayName = "promote and deliver",
                RunsOn = LxcRunner,
                Condition = GitHubConditions.OnTag,
                Permissions = new Dictionary<string, string> { ["contents"] = "write" },
                TimeoutMinutes = 45,
            },
        ],
        // Published only where the repository enabled Pages (Settings > Pages > Source: GitHub Actions) and set the
        // repository variable CAMBUILD_PAGES to true; !cancelled(): also after a failed promotion or delivery.
        Pages = new GitHubPagesJob("pages", "Dashboard")
        {
            Condition = $"!cancelled() && {GitHubConditions.OnTag} && vars.CAMBUILD_PAGES == 'true'",
            TimeoutMinutes = 10,
        },
    };

    private static JenkinsPipeline Jenkins(PipelinePaths paths) => new()
    {
        AgentLabel = "linux && lxc",
        TimeoutMinutes = 300,
        Credentials = [.. Secrets.Select(s => new JenkinsCredential(s.Parameter, s.JenkinsCredentialId))],
        JUnitResults = paths.Relative(paths.Reports) + "/**/qualification.junit.xml",
        TeardownCommand = "./build.sh Teardown",
        Stages =
        [
            new JenkinsStage("Test", ["Test"]) { TimeoutMinutes = 60 },
            new JenkinsStage("Pin", ["PrepareBase", "ResolveLeaves", "Pin"]) { TimeoutMinutes = 30 },
            new JenkinsStage("Bake", ["BakeCandidate"]) { TimeoutMinutes = 60 },
            new JenkinsStage("Qualify", ["DeployEnvironment", "Qualify"]) { TimeoutMinutes = 120 },
            new JenkinsStage("Promote", ["Promote", "Deliver", "Dashboard"]) { When = JenkinsConditions.BuildingTag, TimeoutMinutes = 45 },
        ],
    };

    // The input's name differs from the parameter's only in case: the generator matches them ignoring case.
    private static WorkflowDispatchInput Input(ParameterInfo parameter) =>
        new(char.ToLowerInvariant(parameter.Name[0]) + parameter.Name[1..], parameter.Description) { Default = parameter.DefaultText };

    /// <summary>
    /// Outputs whose file names are known only after the run (content-hashed candidates, per-run reports) are declared
    /// to the cache as functions, not globs; later jobs still need them, so CI carries their whole directories.
    /// </summary>
    private static Dictionary<string, string[]> CarriedDirectories(PipelinePaths paths) => new(StringComparer.Ordinal)
    {
        ["BakeCandidate"] = [paths.Relative(paths.Candidates) + "/**"],
        ["Qualify"] = [paths.Relative(paths.Qualifications) + "/**", paths.Relative(paths.Reports) + "/**"],
        ["Promote"] = [paths.Relative(paths.Releases) + "/**"],
        ["Dashboard"] = [paths.Relative(paths.Site) + "/**"],
    };

    private static void Validate(IReadOnlyList<TargetSpec> targets, IReadOnlyList<ParameterInfo> parameters)
    {
        var targetNames = targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var secret in parameters.Where(p => p.IsSecret && Secrets.All(s => s.Parameter != p.Name)))
            problems.Add($"secret parameter '{secret.Name}' is not listed in Secrets, so CI would never pass it; add it with the targets that read it");
        foreach (var use in Secrets.Where(s => !byName.TryGetValue(s.Parameter, out var p) || !p.IsSecret))
            problems.Add($"Secrets lists '{use.Parameter}', which is not a [Secret] parameter of the build; remove it or correct its name");
        foreach (var (name, _) in Inputs.Where(i => !byName.TryGetValue(i.Parameter, out var p) || p.IsSecret))
            problems.Add($"Inputs lists '{name}', which is not a plain parameter of the build; a manual-run input must never carry a secret");
        var uses = Secrets.Select(s => (s.Parameter, s.Targets)).Concat(Inputs);
        foreach (var (name, unknown) in uses.Select(u => (u.Parameter, u.Targets.Where(t => !targetNames.Contains(t)).ToList())).Where(u => u.Item2.Count > 0))
            problems.Add($"'{name}' is attached to unknown target(s) {string.Join(", ", unknown)}; known targets: {string.Join(", ", targetNames.Order(StringComparer.Ordinal))}");
        if (problems.Count > 0)
            throw new BuildUsageException($"{ThisFile}: {string.Join("; ", problems)}.");
    }
}
