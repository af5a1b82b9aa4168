namespace CamBuild.CI;

/// <summary>
/// A job that publishes the artifact of <see cref="SiteTarget"/> (a static site) as the repository's GitHub Pages site:
/// it downloads the artifact, uploads it with <c>actions/upload-pages-artifact</c> and deploys it with
/// <c>actions/deploy-pages</c> to the <c>github-pages</c> environment. It needs the job that runs the target.
/// </summary>
/// <param name="Id">Job id, distinct from the other jobs'.</param>
/// <param name="SiteTarget">A target run by one of the workflow's jobs whose artifact is the site.</param>
public sealed record GitHubPagesJob(string Id, string SiteTarget)
{
    public IReadOnlyList<string> RunsOn { get; init; } = ["ubuntu-latest"];

    /// <summary>
    /// When to publish, e.g. only where the repository enabled Pages: <c>vars.CAMBUILD_PAGES == 'true'</c> (a repository
    /// variable; Settings → Pages → Source: GitHub Actions).
    /// </summary>
    public string? Condition { get; init; }

    public int? TimeoutMinutes { get; init; }
}
