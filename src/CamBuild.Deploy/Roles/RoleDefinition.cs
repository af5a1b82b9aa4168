namespace CamBuild.Deploy.Roles;

/// <summary>
/// One role a node can run (an entry of <c>samples/site/roles.json</c>). Commands are argument vectors run inside
/// the node after placeholders are filled: <c>{site}</c> (path of site.json), <c>{instance}</c>, <c>{hostname}</c>,
/// <c>{address}</c>, <c>{port}</c>, and <c>{role:NAME}</c> (hostname of the first node running role NAME).
/// </summary>
/// <param name="Command">Long-running service; started detached, output in <c>/var/log/cam/&lt;role&gt;-&lt;instance&gt;.log</c>.</param>
/// <param name="Health">Exits 0 once the service answers; retried until the health timeout.</param>
/// <param name="Requires">Roles that must run on some node of the environment for this role to work.</param>
public sealed record RoleDefinition(
    string Name,
    IReadOnlyList<string> Command,
    int? Port,
    IReadOnlyList<string> Health,
    IReadOnlyList<string> Requires,
    string Description = "");
