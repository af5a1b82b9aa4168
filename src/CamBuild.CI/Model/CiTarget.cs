namespace CamBuild.CI;

/// <summary>
/// One build target as CI needs to know it. The build maps its engine's targets into this list,
/// so this library never depends on the engine.
/// </summary>
/// <param name="Name">The target name as passed to <c>./build.sh</c>.</param>
public sealed record CiTarget(string Name)
{
    public string Description { get; init; } = "";

    /// <summary>Execution dependencies: targets that run before this one when it is invoked.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>
    /// Ordering only: when one command invokes this target and one of these, they are listed first (as the build runs
    /// them). Never a dependency: not pulled into a job, never a <c>needs</c> edge.
    /// </summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Artifact path globs relative to the repository root (forward slashes), uploaded by the job that runs it.</summary>
    public IReadOnlyList<string> Produces { get; init; } = [];

    /// <summary>Names of secret parameters the target reads; CI passes them from its secret store as environment variables.</summary>
    public IReadOnlyList<string> SecretParameters { get; init; } = [];

    /// <summary>Names of plain parameters the target reads; CI passes matching manual-run inputs.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
}
