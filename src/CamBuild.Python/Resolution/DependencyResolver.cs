using CamBuild.Python.Distributions;
using CamBuild.Python.Index;
using CamBuild.Python.Markers;
using CamBuild.Python.Metadata;
using CamBuild.Python.Requirements;

namespace CamBuild.Python.Resolution;

/// <summary>
/// Backtracking resolver for one target environment. Depth-first over nodes (projects and their extras), newest
/// candidate first, the most constrained node next; forward-checks every new requirement and backjumps to the
/// decisions that caused a conflict. Index listings and metadata are cached per resolver and prefetched in parallel.
/// </summary>
public sealed class DependencyResolver
{
    private readonly MarkerEnvironment _environment;
    private readonly PackageCatalog _catalog;
    private readonly ReleaseAssessor _assessor;
    private readonly int _maxAttempts;
    private readonly Dictionary<Release, string> _skipped = [];
    private int _attempts;

    public DependencyResolver(IPackageSource source, MarkerEnvironment environment, int maxAttempts = 20_000)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _catalog = new PackageCatalog(source);
        _assessor = new ReleaseAssessor(environment);
        _maxAttempts = maxAttempts;
    }

    /// <summary>Candidates tried in the last <see cref="ResolveAsync"/> (1 per pinned node when nothing backtracked).</summary>
    public int Attempts => _attempts;

    public async Task<ResolutionResult> ResolveAsync(ResolutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _attempts = 0;
        _skipped.Clear();
        var constraints = request.Constraints
            .Where(c => c.Requirement.AppliesTo(_environment))
            .GroupBy(c => c.Requirement.Name)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ConstraintRequirement>)g.ToArray(), StringComparer.Ordinal);
        var finder = new CandidateFinder(_catalog, _assessor, constraints);

        var state = SolverState.Empty;
        foreach (var root in request.Roots.Where(r => r.Requirement.AppliesTo(_environment)))
        {
            foreach (var node in Targets(root.Requirement))
            {
                state = state.AddCriterion(node, new Criterion(root.Requirement, null, null, root.Origin));
            }

            _catalog.Prefetch(root.Requirement.Name, cancellationToken);
        }

        var (solution, failure) = await SolveAsync(state, finder, cancellationToken).ConfigureAwait(false);
        if (solution is null)
        {
            throw new DependencyConflictException(
                $"Cannot resolve the Python dependencies for {_environment.Describe()} from {_catalog.Source.DisplayUrl}: {failure!.Message}. " +
                "Relax or change the conflicting requirements (or constraints), or publish a release that satisfies them." +
                (_skipped.Count == 0 ? string.Empty : $" Skipped candidates (unusable metadata): {string.Join("; ", SkippedWarnings())}."));
        }

        var result = await ResultBuilder.BuildAsync(solution, finder, _environment, request, cancellationToken).ConfigureAwait(false);
        return _skipped.Count == 0 ? result : result with { Warnings = [.. SkippedWarnings().Select(w => $"Skipped candidate {w}"), .. result.Warnings] };
    }

    private async Task<(SolverState? Solution, SolverFailure? Failure)> SolveAsync(
        SolverState state, CandidateFinder finder, CancellationToken cancellationToken)
    {
        var next = await SelectNextAsync(state, finder, cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            return (state, null);
        }

        var (node, candidates, detail) = next.Value;
        if (candidates.Count == 0)
        {
            var message = ConflictDescriber.Describe(node, finder.AllCriteria(node, state), state, detail);
            return (null, new SolverFailure(message, state.Causes(node).ToHashSet()));
        }

        SolverFailure? first = null;
        var culprits = new HashSet<NodeKey>(state.Causes(node));
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++_attempts > _maxAttempts)
            {
                throw new DependencyConflictException(
                    $"Dependency resolution for {_environment.Describe()} gave up after {_maxAttempts} attempts; last conflict: {first?.Message ?? "none"}. Add constraints to narrow the search.");
            }

            var (applied, conflict) = await ApplyAsync(state, node, candidate, finder, cancellationToken).ConfigureAwait(false);
            var failure = conflict;
            if (applied is not null)
            {
                var (solution, deeper) = await SolveAsync(applied, finder, cancellationToken).ConfigureAwait(false);
                if (solution is not null)
                {
                    return (solution, null);
                }

                failure = deeper;
            }

            if (!failure!.Culprits.Contains(node))
            {
                return (null, failure); // this choice played no part: jump back past it
            }

            first ??= failure;
            culprits.UnionWith(failure.Culprits.Where(c => c != node));
        }

        return (null, first! with { Culprits = culprits });
    }

    private async Task<(NodeKey Node, IReadOnlyList<ReleaseAssessment> Candidates, string Detail)?> SelectNextAsync(
        SolverState state, CandidateFinder finder, CancellationToken cancellationToken)
    {
        var open = state.Criteria.Keys
            .Where(n => !state.Pins.ContainsKey(n) && (!n.IsExtra || state.Pins.ContainsKey(n.Base)))
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Extra, StringComparer.Ordinal)
            .ToArray();
        if (open.Length == 0)
        {
            return null;
        }

        (NodeKey Node, IReadOnlyList<ReleaseAssessment> Candidates, string Detail)? best = null;
        foreach (var node in open)
        {
            var (candidates, detail) = await finder.FindAsync(node, state, cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                return (node, candidates, detail);
            }

            if (candidates[0].Wheel is { } wheel)
            {
                _catalog.PrefetchMetadata(candidates[0].Release, wheel, cancellationToken);
            }

            if (best is null || candidates.Count < best.Value.Candidates.Count)
            {
                best = (node, candidates, detail);
            }
        }

        return best;
    }

    private async Task<(SolverState? State, SolverFailure? Conflict)> ApplyAsync(
        SolverState state, NodeKey node, ReleaseAssessment candidate, CandidateFinder finder, CancellationToken cancellationToken)
    {
        var release = candidate.Release;
        var self = new HashSet<NodeKey> { node };
        CoreMetadata metadata;
        try
        {
            metadata = await _catalog.GetMetadataAsync(release, candidate.Wheel!, cancellationToken).ConfigureAwait(false);
        }
        catch (PythonPackagingException ex)
        {
            // Like pip, a candidate whose metadata cannot be used is skipped, not fatal: another version may do.
            _skipped.TryAdd(release, ex.Message);
            return (null, new SolverFailure($"{node} {release.Version} skipped: {ex.Message}", self));
        }

        if (!_assessor.PythonFits(metadata.RequiresPython))
        {
            return (null, new SolverFailure($"{node} {release.Version} requires Python {metadata.RequiresPython}, target is {_environment.PythonFullVersion}", self));
        }

        var requirements = CandidateFinder.ActiveRequirements(node, metadata.RequiresDist, _environment).ToList();
        if (node.IsExtra)
        {
            requirements.Insert(0, Requirement.Parse($"{node.Name}=={release.Version}"));
        }

        var next = state with { Pins = state.Pins.SetItem(node, release.Version) };
        var touched = new List<NodeKey>();
        foreach (var requirement in requirements)
        {
            _catalog.Prefetch(requirement.Name, cancellationToken);
            foreach (var target in Targets(requirement))
            {
                var criterion = new Criterion(requirement, node, release.Version, null);
                next = next.AddCriterion(target, criterion);
                touched.Add(target);
            }
        }

        foreach (var target in touched.Distinct())
        {
            if (next.Pins.TryGetValue(target, out var pinned))
            {
                var criteria = next.CriteriaOf(target);
                if (!criteria.All(c => c.Specifier.Contains(pinned, allowPrereleases: true)))
                {
                    var message = ConflictDescriber.Describe(target, finder.AllCriteria(target, next), next, $"{target} is already pinned to {pinned}");
                    return (null, new SolverFailure(message, next.Causes(target).Append(target).Append(node).ToHashSet()));
                }

                continue;
            }

            if (target.IsExtra && !next.Pins.ContainsKey(target.Base))
            {
                continue;
            }

            var (candidates, detail) = await finder.FindAsync(target, next, cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                var message = ConflictDescriber.Describe(target, finder.AllCriteria(target, next), next, detail);
                return (null, new SolverFailure(message, next.Causes(target).Append(node).ToHashSet()));
            }
        }

        return (next, null);
    }

    private IEnumerable<string> SkippedWarnings() => _skipped
        .OrderBy(s => s.Key.Project, StringComparer.Ordinal).ThenByDescending(s => s.Key.Version)
        .Select(s => $"{s.Key.Project} {s.Key.Version}: {s.Value}");

    private static IEnumerable<NodeKey> Targets(Requirement requirement)
    {
        yield return new NodeKey(requirement.Name, string.Empty);
        foreach (var extra in requirement.Extras)
        {
            yield return new NodeKey(requirement.Name, extra);
        }
    }
}
