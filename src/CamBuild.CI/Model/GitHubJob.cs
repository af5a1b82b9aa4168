namespace CamBuild.CI;

/// <summary>One job of a workflow; it runs <c>./build.sh &lt;Targets&gt; [--skip &lt;targets of upstream jobs&gt;]</c>.</summary>
/// <param name="Id">Job id: a letter or '_' first, then letters, digits, '-' or '_'.</param>
/// <param name="Targets">Targets this job invokes and owns (uploads their artifacts).</param>
public sealed record GitHubJob(string Id, IReadOnlyList<string> Targets)
{
    public string? DisplayName { get; init; }

    /// <summary>Runner labels; one label such as ubuntu-latest, or e.g. [self-hosted, linux, lxc].</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = ["ubuntu-latest"];

    public int? TimeoutMinutes { get; init; }

    /// <summary>A GitHub expression that must hold for the job to run, e.g. <see cref="GitHubConditions.OnTag"/>.</summary>
    public string? Condition { get; init; }

    /// <summary>Deployment environment name (protection rules, environment secrets).</summary>
    public string? Environment { get; init; }

    /// <summary>Job-level token permissions; replaces the workflow's for this job.</summary>
    public IReadOnlyDictionary<string, string> Permissions { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret parameters passed to this job in addition to the ones its targets declare.</summary>
    public IReadOnlyList<string> ImportSecrets { get; init; } = [];

    /// <summary>A command run after the build step even when it failed or was cancelled, e.g. tearing down environments.</summary>
    public string? TeardownCommand { get; init; }
}

/// <summary>Common job conditions.</summary>
public static class GitHubConditions
{
    public const string OnTag = "startsWith(github.ref, 'refs/tags/')";
    public const string NotPullRequest = "github.event_name != 'pull_request'";

    public static string OnBranch(string branch) => $"github.ref == 'refs/heads/{branch}'";
}
