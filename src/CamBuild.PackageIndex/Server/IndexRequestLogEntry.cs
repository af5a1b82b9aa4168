namespace CamBuild.PackageIndex.Server;

/// <summary>One served request. <see cref="User"/> is the Basic user name presented, never the password.</summary>
internal sealed record IndexRequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Target,
    int StatusCode,
    string? Accept,
    string? ContentType,
    string? User);
