using CamBuild.Delivery.Config;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Roles;

namespace CamBuild.Delivery.Rollout;

/// <summary>One batch: nodes replaced (or created) together; at most max_unavailable of them.</summary>
/// <param name="Stage">Dependency stage of its first nodes: every role of a node in stage N depends only on roles of earlier stages.</param>
public sealed record RolloutBatch(int Number, int Stage, IReadOnlyList<PlannedNode> Nodes)
{
    /// <summary>
    /// The batch's nodes by dependency stage, in order: each wave is started before the next one, and the whole batch
    /// is health-checked together. One wave, except in a restore (see <see cref="RolloutPlanner.Plan"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlannedNode>> Waves { get; init; } = [Nodes];
}

/// <summary>
/// Orders the changed nodes of a plan into batches. Nodes whose roles others depend on go first: a role's stage is the
/// length of its longest chain of <c>requires</c> in the role catalogue (or its position in the rollout's explicit
/// <c>order</c>), a node's stage is the highest stage of its roles. Batches never mix stages, so the nodes of a stage are
/// all replaced and healthy before any node that depends on them is touched.
/// <para>
/// A <paramref name="restore"/> (every changed node goes back to a kept container of the release, known healthy in this
/// configuration: a Rollback) packs the ordered nodes into batches across stages instead: inside a batch the stages
/// are started one after the other (dependencies first) and health-checked together, so a Rollback is not one health
/// wait per dependency stage. max_unavailable still bounds every batch. Pure: no provider, no clock.
/// </para>
/// </summary>
internal static class RolloutPlanner
{
    public static IReadOnlyList<RolloutBatch> Plan(DeployPlan plan, int environmentNodes, RoleCatalog catalog, RolloutSettings settings,
        bool restore = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        var size = settings.MaxUnavailable.BatchSize(environmentNodes);
        var changed = plan.Nodes.Where(node => node.Action is NodeAction.Create or NodeAction.Replace)
            .Select(node => (Node: node, Stage: NodeStage(node.Desired!, catalog, settings.Order)))
            .OrderBy(node => node.Stage).ThenBy(node => node.Node.Hostname, StringComparer.Ordinal)
            .ToList();
        // A restore chunks the whole ordered list; otherwise every stage is chunked on its own, so no batch mixes stages.
        var chunks = restore ? changed.Chunk(size) : changed.GroupBy(node => node.Stage).SelectMany(stage => stage.Chunk(size));
        return chunks.Select((chunk, index) => new RolloutBatch(index + 1, chunk[0].Stage, chunk.Select(node => node.Node).ToList())
        {
            Waves = chunk.GroupBy(node => node.Stage).Select(wave => (IReadOnlyList<PlannedNode>)wave.Select(node => node.Node).ToList()).ToList(),
        }).ToList();
    }

    public static int NodeStage(NodeSpec node, RoleCatalog catalog, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Roles.Select(reference => RoleStage(RoleReference.Parse(reference).Role, catalog, order)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Position in the explicit order (unlisted roles after all listed ones), else the depth of its requires.</summary>
    public static int RoleStage(string role, RoleCatalog catalog, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count > 0)
        {
            var index = order.ToList().IndexOf(role);
            return index >= 0 ? index : order.Count + Depth(role, catalog, []);
        }
        return Depth(role, catalog, []);
    }

    private static int Depth(string role, RoleCatalog catalog, HashSet<string> visiting)
    {
        if (!catalog.Contains(role) || !visiting.Add(role))
        {
            return 0; // unknown roles are reported by the configuration loader; a cycle stops here
        }
        var depth = catalog[role].Requires.Select(required => Depth(required, catalog, visiting) + 1).DefaultIfEmpty(0).Max();
        visiting.Remove(role);
        return depth;
    }
}
