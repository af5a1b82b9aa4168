using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Planning;

public enum NodeAction
{
    Create,
    Replace,
    Keep,
    Destroy,
}

/// <param name="Desired">The node as configured; null for <see cref="NodeAction.Destroy"/>.</param>
/// <param name="NodeDigest">Digest the node will carry; null for <see cref="NodeAction.Destroy"/>.</param>
public sealed record PlannedNode(string Hostname, NodeAction Action, string Reason, NodeSpec? Desired, string? NodeDigest);

/// <param name="UpToDate">True when every node is kept and the state record already describes this candidate and
/// configuration: applying the plan would change nothing.</param>
public sealed record DeployPlan(string Environment, string CandidateId, string ConfigHash, IReadOnlyList<PlannedNode> Nodes, bool UpToDate)
{
    public IEnumerable<PlannedNode> With(NodeAction action) => Nodes.Where(node => node.Action == action);

    public int Count(NodeAction action) => Nodes.Count(node => node.Action == action);
}
