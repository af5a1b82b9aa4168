namespace CamBuild.Release.GitHub;

/// <summary>
/// What to publish for one release: a lightweight tag <c>refs/tags/&lt;ReleaseName&gt;</c> at <paramref name="CommitSha"/>
/// (the configuration commit), a GitHub release of that tag with <paramref name="Body"/> (markdown) and the asset files,
/// and a commit status on the commit.
/// </summary>
public sealed record GitHubPublicationRequest(
    string ReleaseName,
    string CommitSha,
    string Body,
    IReadOnlyList<string> AssetFiles,
    string StatusDescription)
{
    public const string DefaultStatusContext = "cambuild/promote";

    public string StatusContext { get; init; } = DefaultStatusContext;
    public bool Prerelease { get; init; }
}

/// <summary>What a publication created and what it found already in place.</summary>
public sealed record GitHubPublicationResult(
    string Tag,
    bool TagCreated,
    long ReleaseId,
    string ReleaseUrl,
    bool ReleaseCreated,
    IReadOnlyList<string> AssetsUploaded,
    IReadOnlyList<string> AssetsReplaced,
    IReadOnlyList<string> AssetsUnchanged,
    bool StatusCreated);

/// <summary>A GitHub call failed; the message names the step, the repository and the fix, and never contains the token.</summary>
internal sealed class GitHubPublicationException(string message) : Exception(message);
