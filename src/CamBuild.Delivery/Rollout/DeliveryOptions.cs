namespace CamBuild.Delivery.Rollout;

/// <param name="StateDirectory">Where the environment's state record, lock, rollout journal and delivered record live
/// (the same directory DeployEnvironment uses, so the two never run at once on one environment).</param>
/// <param name="Channel">Channel and release being delivered, for the delivered record; null for a bare rollout.</param>
/// <param name="LockHeld">The caller already holds the environment's lock (<see cref="Deploy.State.EnvironmentLock"/>), taken
/// before it recorded the start of the delivery; otherwise the deliverer takes it.</param>
public sealed record DeliveryOptions(string StateDirectory, int MaxParallelism = 8, TimeSpan? CommandTimeout = null,
    string? Channel = null, string? Release = null, bool LockHeld = false)
{
    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(60);
}

/// <param name="Changed">Hostnames replaced or created, in rollout order.</param>
public sealed record DeliveryResult(Deploy.Planning.DeployPlan Plan, IReadOnlyList<RolloutBatch> Batches, IReadOnlyList<string> Changed,
    bool Applied, TimeSpan Elapsed);
