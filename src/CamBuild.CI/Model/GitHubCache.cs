namespace CamBuild.CI;

/// <summary>
/// A cache restored at the start of each job and saved at its end. The key is
/// <c>{runner.os}-{Name}[-{job id}]-{hashFiles(KeyFiles)}</c> with a prefix restore key, so a change in
/// the key files still restores the newest older cache.
/// </summary>
internal sealed record GitHubCache(string Name, IReadOnlyList<string> Paths, IReadOnlyList<string> KeyFiles)
{
    /// <summary>Put the job id into the key, for caches whose content depends on the targets a job runs.</summary>
    public bool PerJob { get; init; }

    public static GitHubCache NuGetPackages { get; } = new(
        "nuget",
        ["~/.nuget/packages"],
        ["global.json", "**/Directory.Packages.props", "**/packages.lock.json", "**/*.csproj"]);

    /// <summary>The build's content-addressed target cache, keyed by everything that feeds the release.</summary>
    public static GitHubCache BuildCache { get; } = new(
        "build-cache",
        [".nuke/temp/cache"],
        ["global.json", "**/packages.lock.json", "config/**", "samples/**", "build/**/*.cs"]) { PerJob = true };
}

/// <param name="CancelInProgress">"true", "false" or a <c>${{ }}</c> expression.</param>
public sealed record GitHubConcurrency(string Group, string CancelInProgress)
{
    /// <summary>One run per workflow and ref; a newer run cancels an older one only for pull requests, so a
    /// release run on a branch or tag is never interrupted halfway through (e.g. with environments deployed).</summary>
    public static GitHubConcurrency PerRefCancelPullRequests { get; } = new(
        "${{ github.workflow }}-${{ github.ref }}",
        "${{ github.event_name == 'pull_request' }}");
}

/// <summary>Action references. Tags, not commit SHAs: no SHA here was verified against the published actions.</summary>
internal sealed record GitHubActionVersions
{
    public string Checkout { get; init; } = "actions/checkout@v4";
    public string Cache { get; init; } = "actions/cache@v4";
    public string UploadArtifact { get; init; } = "actions/upload-artifact@v4";
    public string DownloadArtifact { get; init; } = "actions/download-artifact@v4";
    public string UploadPagesArtifact { get; init; } = "actions/upload-pages-artifact@v3";
    public string DeployPages { get; init; } = "actions/deploy-pages@v4";
}
