using CamBuild.Python.Distributions;
using CamBuild.Python.Index;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Leaves;

/// <summary>Picks the latest installable build of each leaf on the index for one target environment.</summary>
public static class LeafResolver
{
    public static async Task<LeafSet> ResolveAsync(
        IReadOnlyCollection<LeafSpec> leaves, IPackageSource source, MarkerEnvironment target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(source);
        var duplicate = leaves.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LeafResolutionException($"Leaf '{duplicate.Key}' is listed {duplicate.Count()} times; list each leaf once.");
        }

        var catalog = new PackageCatalog(source);
        var assessor = new ReleaseAssessor(target);
        var pins = await Task.WhenAll(leaves.Select(leaf => ResolveOneAsync(leaf, catalog, assessor, cancellationToken))).ConfigureAwait(false);
        return new LeafSet(pins);
    }

    private static async Task<LeafPin> ResolveOneAsync(LeafSpec leaf, PackageCatalog catalog, ReleaseAssessor assessor, CancellationToken cancellationToken)
    {
        var index = catalog.Source.DisplayUrl;
        var project = await catalog.GetReleasesAsync(leaf.Name, cancellationToken).ConfigureAwait(false);
        if (project.Releases.Count == 0)
        {
            throw new LeafResolutionException(
                $"Leaf '{leaf.Name}' is not on the index {index}: check the name in the leaves configuration or publish the package there.");
        }

        var admitted = project.Releases.Where(r => leaf.Admits(r.Version)).ToArray();
        if (admitted.Length == 0)
        {
            throw new LeafResolutionException(
                $"Leaf '{leaf.Name}' has no version on {index} that its policy admits ({leaf.Describe()}); available: {string.Join(", ", project.Releases.Select(r => r.Version))}.");
        }

        var live = admitted.Where(r => !r.IsYanked).ToArray();
        if (live.Length == 0)
        {
            throw new LeafResolutionException(
                $"Leaf '{leaf.Name}' has only yanked versions on {index} ({string.Join(", ", admitted.Select(r => $"{r.Version}: {r.YankedReason}"))}); publish a new build or un-yank one.");
        }

        var reasons = new List<string>();
        foreach (var release in live)
        {
            var assessment = assessor.Assess(release, allowYanked: false);
            if (assessment.IsInstallable)
            {
                var wheel = assessment.Wheel!;
                return new LeafPin(leaf.Name, release.Version, leaf.Extras, wheel.FileName, wheel.Url, wheel.Sha256, index);
            }

            if (assessment.IsSdistOnly)
            {
                throw new LeafResolutionException(
                    $"Leaf '{leaf.Name}' {release.Version} on {index} is {assessment.Problem} (CamBuild installs wheels only).");
            }

            reasons.Add($"{release.Version}: {assessment.Problem}");
        }

        throw new LeafResolutionException(
            $"Leaf '{leaf.Name}' has no build on {index} installable on {assessor.Environment.Describe()}: {string.Join("; ", reasons)}.");
    }
}
