namespace CamBuild.Deploy.Roles;

/// <summary>A role placed on a node: <c>role</c> or <c>role:instance</c>; the instance defaults to the role name.</summary>
public readonly record struct RoleReference(string Role, string Instance)
{
    /// <summary>Used for pid and log file names: <c>role-instance</c>.</summary>
    public string FileName => $"{Role}-{Instance}";

    public override string ToString() => $"{Role}:{Instance}";

    public static RoleReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new RoleReference(reference, reference)
            : new RoleReference(reference[..colon], reference[(colon + 1)..]);
    }
}
