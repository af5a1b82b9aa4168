namespace CamBuild.Deploy.Roles;

/// <summary>
/// One role a node can run (an entry of <c>samples/site/roles.json</c>). Commands are argument vectors run inside
/// the node after placeholders are filled: <c>{site}</c> (path of site.json), <c>{instance}</c>, <c>{hostname}</c>,
/// <c>{address}</c>, <c>{port}</c>, and <c>{role:NAME}</c> (hostname of the first node running role NAME).
/// </summary>
/// <param name="Command">Long-running service, run by the node's systemd as unit <c>cam-&lt;role&gt;-&lt;instance&gt;.service</c>;
/// a bare program name is looked up in <see cref="RoleService.DefaultPath"/> (or the role's own <c>PATH</c>).</param>
/// <param name="Health">Exits 0 once the service answers; retried until the health timeout.</param>
/// <param name="Requires">Roles that must run on some node of the environment for this role to work; instances of them
/// on the same node are started before this one (systemd <c>Wants=</c> + <c>After=</c>).</param>
public sealed record RoleDefinition(
    string Name,
    IReadOnlyList<string> Command,
    int? Port,
    IReadOnlyList<string> Health,
    IReadOnlyList<string> Requires,
    string Description = "")
{
    /// <summary>
    /// Optional deeper check (<c>"verify"</c>), run by Deliver on a node it just replaced, after the health check passed:
    /// exits 0 when the role does its job (e.g. a proxy's forwarded request reaches a device), retried until the health
    /// timeout. Empty: the health check is the whole gate. Qualification does not run it (its suites go deeper).
    /// </summary>
    public IReadOnlyList<string> Verify { get; init; } = [];

    /// <summary>Service settings of the role's systemd unit (user, environment, working directory, restart limits).</summary>
    internal RoleService Service { get; init; } = RoleService.Default;
}

/// <param name="User">Account the service runs as (systemd <c>User=</c>); null: root.</param>
/// <param name="Environment">Extra variables (placeholders allowed in values), sorted by name in the unit.</param>
/// <param name="WorkingDirectory">Absolute directory the service starts in (placeholders allowed); null: <c>/</c>.</param>
/// <param name="StopSignal">Signal that asks the service to stop (systemd <c>KillSignal=</c>).</param>
/// <param name="RestartDelaySeconds">Pause before systemd restarts a service that failed or was killed.</param>
/// <param name="RestartBurst">Restarts allowed within <paramref name="RestartIntervalSeconds"/>; one more and the unit fails.</param>
internal sealed record RoleService(
    string? User,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory,
    string StopSignal,
    double RestartDelaySeconds,
    int RestartBurst,
    int RestartIntervalSeconds)
{
    /// <summary>Where bare command names are found: the candidate's venv first, then the system's directories.</summary>
    public const string DefaultPath = "/opt/cam/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static readonly RoleService Default = new(null, new SortedDictionary<string, string>(StringComparer.Ordinal), null,
        "SIGTERM", 1, 5, 60);
}
