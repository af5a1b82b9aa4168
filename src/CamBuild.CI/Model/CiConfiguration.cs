namespace CamBuild.CI;

/// <summary>Everything the CI files are generated from.</summary>
public sealed record CiConfiguration
{
    public required IReadOnlyList<CiTarget> Targets { get; init; }

    public IReadOnlyList<GitHubActionsWorkflow> GitHubWorkflows { get; init; } = [];

    public JenkinsPipeline? Jenkins { get; init; }

    /// <summary>The build script every CI step calls.</summary>
    public string BuildScript { get; init; } = "./build.sh";

    /// <summary>The exact command that rewrites the generated files; written into every file's header.</summary>
    public string RegenerateCommand { get; init; } = "./build.sh GenerateCi";

    /// <summary>The command that fails when a checked-in file is stale; written into every file's header.</summary>
    public string CheckCommand { get; init; } = "./build.sh CheckCi";
}
