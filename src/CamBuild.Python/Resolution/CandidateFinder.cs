using System.Collections.Concurrent;
using CamBuild.Python.Distributions;
using CamBuild.Python.Requirements;

namespace CamBuild.Python.Resolution;

/// <summary>The releases a node may take in a state: newest first, installable, yank and pre-release rules applied.</summary>
internal sealed class CandidateFinder(PackageCatalog catalog, ReleaseAssessor assessor, IReadOnlyDictionary<string, IReadOnlyList<ConstraintRequirement>> constraints)
{
    private readonly ConcurrentDictionary<(Release, bool), ReleaseAssessment> _assessments = new();
    private readonly ConcurrentDictionary<FindKey, (IReadOnlyList<ReleaseAssessment>, string)> _found = new();

    public PackageCatalog Catalog => catalog;

    public IEnumerable<Criterion> AllCriteria(NodeKey node, SolverState state)
    {
        var own = state.CriteriaOf(node);
        if (node.IsExtra || !constraints.TryGetValue(node.Name, out var lines))
        {
            return own;
        }

        return own.Concat(lines.Select(c => new Criterion(c.Requirement, null, null, c.Location) { IsConstraint = true }));
    }

    /// <summary>Candidates are a function of the node, its criteria list (immutable, so compared by reference) and the base pin.</summary>
    public async Task<(IReadOnlyList<ReleaseAssessment> Candidates, string Detail)> FindAsync(
        NodeKey node, SolverState state, CancellationToken cancellationToken)
    {
        var basePin = node.IsExtra && state.Pins.TryGetValue(node.Base, out var pinned) ? pinned : null;
        var key = new FindKey(node, state.CriteriaOf(node), basePin);
        if (_found.TryGetValue(key, out var known))
        {
            return known;
        }

        var releases = await catalog.GetReleasesAsync(node.Name, cancellationToken).ConfigureAwait(false);
        var found = Find(AllCriteria(node, state).ToArray(), basePin, releases);
        _found.TryAdd(key, found);
        return found;
    }

    private (IReadOnlyList<ReleaseAssessment> Candidates, string Detail) Find(
        Criterion[] criteria, Versions.PythonVersion? basePin, ProjectReleases releases)
    {
        var allowPre = criteria.Any(c => c.Specifier.NamesPrerelease);

        var installable = new List<ReleaseAssessment>();
        var refused = new List<ReleaseAssessment>();
        foreach (var release in releases.Releases)
        {
            if ((basePin is not null && release.Version != basePin) || !criteria.All(c => c.Specifier.Contains(release.Version, allowPrereleases: true)))
            {
                continue;
            }

            var allowYanked = criteria.Any(c => c.Specifier.Specifiers.Any(s => s.IsExactPin && s.Contains(release.Version)));
            var assessment = _assessments.GetOrAdd((release, allowYanked), key => assessor.Assess(key.Item1, key.Item2));
            (assessment.IsInstallable ? installable : refused).Add(assessment);
        }

        IReadOnlyList<ReleaseAssessment> candidates = installable;
        if (!allowPre && installable.Any(a => !a.Release.Version.IsPrerelease))
        {
            candidates = installable.Where(a => !a.Release.Version.IsPrerelease).ToArray();
        }

        var detail = candidates.Count == 0 ? ConflictDescriber.Availability(releases, refused, catalog.Source.DisplayUrl) : string.Empty;
        return (candidates, detail);
    }

    /// <summary>Requirements of a pinned node in the target environment (an extra adds only what its extra adds).</summary>
    public static IEnumerable<Requirement> ActiveRequirements(NodeKey node, IEnumerable<Requirement> requiresDist, Markers.MarkerEnvironment environment)
    {
        foreach (var requirement in requiresDist)
        {
            var inBase = requirement.AppliesTo(environment);
            if (node.IsExtra ? !inBase && requirement.AppliesTo(environment, node.Extra) : inBase)
            {
                yield return requirement;
            }
        }
    }

    private readonly record struct FindKey(NodeKey Node, System.Collections.Immutable.ImmutableList<Criterion> Criteria, Versions.PythonVersion? BasePin)
    {
        public bool Equals(FindKey other) =>
            Node == other.Node && ReferenceEquals(Criteria, other.Criteria) && Equals(BasePin, other.BasePin);

        public override int GetHashCode() => HashCode.Combine(Node, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Criteria), BasePin);
    }
}
