using CamBuild.Common;
using System.Text.RegularExpressions;

namespace CamBuild.Release.GitHub;

internal static partial class GitHubPublicationInput
{
    public static void Validate(GitHubPublicationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TagPattern().IsMatch(request.ReleaseName ?? ""))
        {
            throw new InputException($"Release name '{request.ReleaseName}' is not usable as a Git tag: use letters, digits, '.', '_' and '-', starting with a letter or digit.");
        }

        if (!CommitPattern().IsMatch(request.CommitSha ?? ""))
        {
            throw new InputException($"Commit '{request.CommitSha}' is not a full commit sha (40 lower-case hex digits); pass the configuration commit, e.g. from 'git rev-parse HEAD'.");
        }

        if (string.IsNullOrWhiteSpace(request.StatusContext))
        {
            throw new InputException("The commit status context is empty; use e.g. cambuild/promote.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in request.AssetFiles ?? [])
        {
            if (!File.Exists(file))
            {
                throw new InputException($"Release asset {file} does not exist; produce it (BakeCandidate, Pin, Qualify) before publishing.");
            }

            if (!seen.Add(Path.GetFileName(file)))
            {
                throw new InputException($"Release asset name {Path.GetFileName(file)} is given twice ({file}); GitHub asset names must be unique within a release.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitPattern();
}
