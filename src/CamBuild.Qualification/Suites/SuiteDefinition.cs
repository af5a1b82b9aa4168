namespace CamBuild.Qualification.Suites;

public enum SuiteKind
{
    Integration,
    Acceptance,
}

/// <summary>Where a suite runs: on the host, or inside nodes that carry a role (<c>*</c> = any role).</summary>
public sealed record SuitePlacement(bool OnHost, string? Role, bool ForEachNode)
{
    public const string AnyRole = "*";

    public static SuitePlacement Host { get; } = new(true, null, false);

    public override string ToString() => OnHost ? "host" : $"role:{Role}" + (ForEachNode ? " (each node)" : "");
}

/// <summary>One qualification suite as declared in <c>config/qualification/suites.yaml</c>.</summary>
/// <param name="Command">argv (no shell); placeholders are listed in <see cref="SuitePlaceholders"/>.</param>
/// <param name="JUnit">Relative file name the command must write its JUnit XML to (its <c>{junit}</c>).</param>
/// <param name="Files">Globs relative to the repository root copied into the node before the suite runs (and hashed).</param>
public sealed record SuiteDefinition(
    string Name,
    SuiteKind Kind,
    SuitePlacement RunsOn,
    IReadOnlyList<string> Command,
    TimeSpan Timeout,
    string JUnit,
    IReadOnlyList<string> Files,
    SourceLocation Location)
{
    public string KindText => Kind == SuiteKind.Integration ? "integration" : "acceptance";
}
