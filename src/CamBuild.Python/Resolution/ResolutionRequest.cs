using CamBuild.Python.Leaves;
using CamBuild.Python.Requirements;

namespace CamBuild.Python.Resolution;

/// <summary>A top-level requirement and where it came from (e.g. "leaves.json"), for messages and <c># via</c>.</summary>
public sealed record RootRequirement(Requirement Requirement, string Origin);

/// <summary>
/// A constraint line (pip <c>-c</c> semantics): it limits the versions of a project when something requires it,
/// but never adds the project by itself.
/// </summary>
public sealed record ConstraintRequirement(Requirement Requirement, string File, int Line)
{
    public string Location => $"{File}:{Line}";
}

/// <summary>What to resolve: roots plus optional constraints.</summary>
public sealed record ResolutionRequest(IReadOnlyList<RootRequirement> Roots, IReadOnlyList<ConstraintRequirement> Constraints)
{
    /// <summary>Roots are the leaves pinned with <c>==</c> to the chosen versions, with their extras.</summary>
    public static ResolutionRequest FromLeaves(LeafSet leaves, IReadOnlyList<ConstraintRequirement>? constraints = null, string origin = "leaves.json")
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var roots = leaves.Leaves
            .Select(l => new RootRequirement(
                Requirement.Parse($"{l.Name}{(l.Extras.Count > 0 ? $"[{string.Join(',', l.Extras)}]" : string.Empty)}=={l.Version}"),
                origin))
            .ToArray();
        return new ResolutionRequest(roots, constraints ?? []);
    }

    /// <summary>Roots from requirement strings, e.g. <c>["katdal", "katsdpservices[argparse]"]</c>.</summary>
    internal static ResolutionRequest FromRequirements(IEnumerable<string> requirements, IReadOnlyList<ConstraintRequirement>? constraints = null, string origin = "requirements")
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return new ResolutionRequest(requirements.Select(r => new RootRequirement(Requirement.Parse(r), origin)).ToArray(), constraints ?? []);
    }
}
