namespace CamBuild.Deploy.Deployment;

/// <param name="StateDirectory">Where <c>&lt;env&gt;.json</c> state records and <c>&lt;env&gt;.lock</c> live.</param>
/// <param name="MaxParallelism">How many nodes are created, started and checked at once.</param>
/// <param name="KeepFailed">Leave nodes this run created in place when the deploy fails (for debugging).</param>
/// <param name="PlanOnly">Print the plan and stop.</param>
/// <param name="BootTimeout">How long a new node's systemd may take to finish booting before it is specialised.</param>
/// <param name="Progress">Told (done, total, what) as each node is specialised and as each node turns healthy.</param>
public sealed record DeployOptions(
    string StateDirectory,
    int MaxParallelism = 8,
    TimeSpan? HealthTimeout = null,
    TimeSpan? CommandTimeout = null,
    bool KeepFailed = false,
    bool PlanOnly = false,
    TimeSpan? BootTimeout = null,
    Action<int, int, string>? Progress = null)
{
    public TimeSpan EffectiveBootTimeout => BootTimeout ?? TimeSpan.FromSeconds(90);

    public TimeSpan EffectiveHealthTimeout => HealthTimeout ?? TimeSpan.FromSeconds(60);

    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(60);
}

/// <param name="Applied">False for plan-only runs and for up-to-date environments (nothing was done).</param>
/// <param name="State">The state record after the run (the previous one when nothing was applied; may be null).</param>
public sealed record DeployResult(Planning.DeployPlan Plan, bool Applied, State.EnvironmentState? State, TimeSpan Elapsed);
