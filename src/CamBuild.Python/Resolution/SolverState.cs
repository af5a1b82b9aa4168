using System.Collections.Immutable;
using CamBuild.Python.Requirements;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Resolution;

/// <summary>A resolver node: a project, or one extra of a project (which pins the same version and adds its deps).</summary>
internal readonly record struct NodeKey(string Name, string Extra)
{
    public bool IsExtra => Extra.Length > 0;

    public NodeKey Base => new(Name, string.Empty);

    public override string ToString() => IsExtra ? $"{Name}[{Extra}]" : Name;
}

/// <summary>One reason a node is needed: a requirement from a pinned parent, a root, or a constraint.</summary>
internal sealed record Criterion(Requirement Requirement, NodeKey? Parent, PythonVersion? ParentVersion, string? Origin)
{
    public SpecifierSet Specifier => Requirement.Specifier;

    public bool IsConstraint { get; init; }
}

/// <summary>An immutable snapshot of the search: pins and the criteria collected so far (insertion-ordered).</summary>
internal sealed record SolverState(
    ImmutableDictionary<NodeKey, PythonVersion> Pins,
    ImmutableDictionary<NodeKey, ImmutableList<Criterion>> Criteria)
{
    public static readonly SolverState Empty = new(
        ImmutableDictionary<NodeKey, PythonVersion>.Empty, ImmutableDictionary<NodeKey, ImmutableList<Criterion>>.Empty);

    public ImmutableList<Criterion> CriteriaOf(NodeKey node) =>
        Criteria.TryGetValue(node, out var list) ? list : ImmutableList<Criterion>.Empty;

    public SolverState AddCriterion(NodeKey node, Criterion criterion) =>
        this with { Criteria = Criteria.SetItem(node, CriteriaOf(node).Add(criterion)) };

    /// <summary>The decisions that shaped a node's options: parents of its criteria and, for an extra, its base pin.</summary>
    public IEnumerable<NodeKey> Causes(NodeKey node)
    {
        foreach (var criterion in CriteriaOf(node))
        {
            if (criterion.Parent is { } parent)
            {
                yield return parent;
            }
        }

        if (node.IsExtra && Pins.ContainsKey(node.Base))
        {
            yield return node.Base;
        }
    }
}

/// <summary>Why a branch of the search failed, and which decisions it depends on (for backjumping).</summary>
internal sealed record SolverFailure(string Message, IReadOnlySet<NodeKey> Culprits);
