using CamBuild.Python.Distributions;

namespace CamBuild.Python.Resolution;

/// <summary>Renders conflicts with the requirement chains that caused them.</summary>
internal static class ConflictDescriber
{
    public static string Describe(NodeKey node, IEnumerable<Criterion> criteria, SolverState state, string? detail)
    {
        var parts = criteria.Select(c => DescribeCriterion(c, state)).Distinct(StringComparer.Ordinal);
        var text = $"{node}: {string.Join(", ", parts)}";
        return detail is null ? text : $"{text} ({detail})";
    }

    public static string DescribeCriterion(Criterion criterion, SolverState state)
    {
        var requirement = criterion.Requirement.ToShortString();
        if (criterion.Parent is not { } parent)
        {
            return criterion.IsConstraint ? $"constraint {criterion.Origin} requires {requirement}" : $"{criterion.Origin} requires {requirement}";
        }

        var chain = Chain(parent, state);
        var via = chain.Count > 0 ? $" (via {string.Join(" -> ", chain)} -> {parent})" : string.Empty;
        return $"{parent} {criterion.ParentVersion} requires {requirement}{via}";
    }

    /// <summary>Available versions and, for those matching but unusable, why they were refused.</summary>
    public static string Availability(ProjectReleases releases, IEnumerable<ReleaseAssessment> refused, Uri index)
    {
        if (releases.Releases.Count == 0)
        {
            return $"{releases.Project} is not on the index {index}";
        }

        var versions = releases.Releases.Take(12).Select(r => r.Version.ToString()).ToList();
        if (releases.Releases.Count > 12)
        {
            versions.Add("...");
        }

        var problems = refused.Select(a => $"{a.Release.Version} {a.Problem}").ToArray();
        var available = $"index has {string.Join(", ", versions)}";
        return problems.Length == 0 ? available : $"{available}; refused: {string.Join("; ", problems)}";
    }

    // Follows first requirers from the parent up to a root: ["katportal 0.3", ...], outermost first.
    private static List<string> Chain(NodeKey parent, SolverState state)
    {
        var chain = new List<string>();
        var seen = new HashSet<NodeKey> { parent };
        var current = parent;
        while (state.CriteriaOf(current).FirstOrDefault(c => !c.IsConstraint) is { Parent: { } up } && seen.Add(up))
        {
            chain.Insert(0, state.Pins.TryGetValue(up, out var version) ? $"{up} {version}" : up.ToString());
            current = up;
        }

        return chain;
    }
}
