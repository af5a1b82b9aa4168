namespace CamBuild.Delivery.Config;

/// <summary>How many nodes may be down at once: a count, or a percentage of the environment's nodes.</summary>
public sealed record MaxUnavailable(int Value, bool Percent)
{
    public static readonly MaxUnavailable One = new(1, false);

    /// <summary>Batch size for an environment of <paramref name="nodeCount"/> nodes: at least 1, at most all of them.</summary>
    public int BatchSize(int nodeCount) =>
        Math.Clamp(Percent ? (int)Math.Floor(nodeCount * Value / 100.0) : Value, 1, Math.Max(1, nodeCount));

    public override string ToString() => Percent ? $"{Value}%" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The <c>rollout</c> section of an environment file: how Deliver replaces its nodes.</summary>
/// <param name="Order">Role names, earliest first; empty = derived from the role catalogue's <c>requires</c>.</param>
/// <param name="HealthTimeout">How long a swapped node has to pass its health checks.</param>
/// <param name="Pause">Wait between batches.</param>
/// <param name="KeepPrevious">Earlier releases kept stopped per node after a healthy rollout (instant rollback).</param>
public sealed record RolloutSettings(MaxUnavailable MaxUnavailable, IReadOnlyList<string> Order, TimeSpan HealthTimeout, TimeSpan Pause, int KeepPrevious)
{
    public static readonly RolloutSettings Default = new(MaxUnavailable.One, [], TimeSpan.FromSeconds(60), TimeSpan.Zero, 1);
}
