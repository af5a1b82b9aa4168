using CamBuild.Python.Distributions;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Resolution;

/// <summary>Turns a solved state into the public, sorted <see cref="ResolutionResult"/>.</summary>
internal static class ResultBuilder
{
    public static async Task<ResolutionResult> BuildAsync(
        SolverState solution, CandidateFinder finder, MarkerEnvironment environment, ResolutionRequest request, CancellationToken cancellationToken)
    {
        var catalog = finder.Catalog;
        var warnings = new List<string>();
        var packages = new List<ResolvedPackage>();
        foreach (var group in solution.Pins.GroupBy(p => p.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = group.Key;
            var version = group.First().Value;
            var releases = await catalog.GetReleasesAsync(name, cancellationToken).ConfigureAwait(false);
            var release = releases.Releases.First(r => r.Version == version);
            var nodes = group.Select(p => p.Key).ToArray();
            var criteria = nodes.SelectMany(solution.CriteriaOf).ToArray();

            var via = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var criterion in criteria)
            {
                if (criterion.Parent is { } parent)
                {
                    if (parent.Name != name)
                    {
                        via.Add(parent.Name);
                    }
                }
                else if (criterion.Origin is not null)
                {
                    via.Add($"-r {criterion.Origin}");
                }
            }

            foreach (var constraint in request.Constraints.Where(c => c.Requirement.Name == name && c.Requirement.AppliesTo(environment)))
            {
                via.Add($"-c {constraint.File}");
            }

            var dependencies = solution.Criteria
                .Where(c => c.Value.Any(x => x.Parent is { } p && p.Name == name) && c.Key.Name != name)
                .Select(c => c.Key.Name)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();

            var extras = nodes.Where(n => n.IsExtra).Select(n => n.Extra).Order(StringComparer.Ordinal).ToArray();
            var pinnedYanked = release.IsYanked;
            var files = release.Files.Where(f => pinnedYanked || !f.File.IsYanked).Select(f => f.File).ToArray();
            if (pinnedYanked)
            {
                warnings.Add($"{name} {version} is yanked{(release.YankedReason is { Length: > 0 } reason ? $" ({reason})" : "")}; it was selected because it is pinned with ==.");
            }

            if (extras.Length > 0)
            {
                var wheel = new ReleaseAssessor(environment).Assess(release, allowYanked: true).Wheel!;
                var metadata = await catalog.GetMetadataAsync(release, wheel, cancellationToken).ConfigureAwait(false);
                warnings.AddRange(extras.Where(e => !metadata.ProvidesExtra.Contains(e))
                    .Select(e => $"{name} {version} does not provide the extra '{e}'."));
            }

            packages.Add(new ResolvedPackage(name, version, extras, files, via.ToArray(), dependencies, release.YankedReason));
        }

        return new ResolutionResult(environment, catalog.Source.DisplayUrl, packages, warnings);
    }
}
