using CamBuild.Delivery.Rollout;

namespace CamBuild.Delivery.Status;

/// <summary>
/// <c>&lt;state&gt;/&lt;env&gt;.status.json</c>: the last result of Status for an environment and when it was taken, written
/// atomically by every Status run (clean or not), read by the dashboard.
/// </summary>
public sealed record StatusRecord(DateTimeOffset CheckedAt, EnvironmentStatus Status)
{
    public const string Suffix = ".status.json";

    public static string PathOf(string stateDirectory, string environment) => Path.Combine(stateDirectory, environment + Suffix);

    public static StatusRecord? Load(string stateDirectory, string environment) => JsonFile.Read<StatusRecord>(PathOf(stateDirectory, environment));

    public string Save(string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        Directory.CreateDirectory(stateDirectory);
        var path = PathOf(stateDirectory, Status.Environment);
        JsonFile.Write(path, this);
        return path;
    }
}
