namespace CamBuild.CI;

/// <summary>A GitHub Actions workflow, written to <c>.github/workflows/&lt;Name&gt;.yml</c>.</summary>
/// <param name="Name">Workflow name and file name: letters, digits, '.', '_' and '-'.</param>
public sealed record GitHubActionsWorkflow(string Name)
{
    public GitHubTriggers On { get; init; } = new();

    /// <summary>
    /// Jobs in file order. Each job invokes its targets; its <c>needs</c> follow the target dependencies
    /// to the jobs that own the upstream targets, and it skips those targets on its own command line.
    /// </summary>
    public required IReadOnlyList<GitHubJob> Jobs { get; init; }

    public GitHubConcurrency? Concurrency { get; init; }

    /// <summary>An optional last job publishing one target's artifact as the GitHub Pages site.</summary>
    public GitHubPagesJob? Pages { get; init; }

    /// <summary>Workflow-level token permissions (scope -> read|write|none); defaults to read-only contents.</summary>
    public IReadOnlyDictionary<string, string> Permissions { get; init; } =
        new Dictionary<string, string> { ["contents"] = "read" };

    /// <summary>Plain (non-secret) environment variables for every job.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Caches restored before and saved after every job.</summary>
    internal IReadOnlyList<GitHubCache> Caches { get; init; } = [GitHubCache.NuGetPackages, GitHubCache.BuildCache];

    /// <summary>Secret parameters passed to every job in addition to the ones its targets declare.</summary>
    public IReadOnlyList<string> ImportSecrets { get; init; } = [];

    /// <summary>Secret parameter name -> GitHub secret name, where the default upper snake case name does not fit.</summary>
    public IReadOnlyDictionary<string, string> SecretNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Git history depth for checkout; 0 means all history and tags.</summary>
    public int? FetchDepth { get; init; }

    /// <summary>Days GitHub keeps uploaded artifacts; null keeps the repository default.</summary>
    public int? ArtifactRetentionDays { get; init; }

    internal GitHubActionVersions Actions { get; init; } = new();

    public string FileName => $".github/workflows/{Name}.yml";
}
