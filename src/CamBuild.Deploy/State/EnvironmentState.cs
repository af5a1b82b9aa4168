namespace CamBuild.Deploy.State;

/// <summary>What the last successful deploy of an environment left behind (<c>&lt;state&gt;/&lt;env&gt;.json</c>).</summary>
/// <param name="SiteDigest">Digest of the site description every node carries (<c>/etc/cam/site.json</c>).</param>
public sealed record EnvironmentState(
    string Environment,
    string Provider,
    string CandidateId,
    string ConfigHash,
    string SiteDigest,
    IReadOnlyList<NodeState> Nodes);

/// <param name="Fingerprint">Digest of what differs on the node from the candidate (managed files, roles, services).</param>
public sealed record NodeState(
    string Hostname,
    string Address,
    IReadOnlyList<string> Roles,
    string NodeDigest,
    string Fingerprint,
    string ProviderId);
