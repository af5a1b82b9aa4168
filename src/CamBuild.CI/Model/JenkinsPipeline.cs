namespace CamBuild.CI;

/// <summary>A declarative Jenkins pipeline on one agent; stages run in order in the same workspace.</summary>
public sealed record JenkinsPipeline
{
    /// <summary>Agent label expression, e.g. "linux &amp;&amp; lxc".</summary>
    public required string AgentLabel { get; init; }

    /// <summary>Stages in order; each invokes its targets and skips the targets earlier stages already ran.</summary>
    public required IReadOnlyList<JenkinsStage> Stages { get; init; }

    /// <summary>Secret parameter -> Jenkins credential; every secret a stage's targets need must be mapped.</summary>
    public IReadOnlyList<JenkinsCredential> Credentials { get; init; } = [];

    public int? TimeoutMinutes { get; init; }
    public int? BuildsToKeep { get; init; } = 20;
    public bool Timestamps { get; init; } = true;
    public bool DisableConcurrentBuilds { get; init; } = true;

    /// <summary>Plain (non-secret) environment variables for the whole pipeline.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Ant glob of JUnit XML files, published after every run (empty results allowed).</summary>
    public string? JUnitResults { get; init; }

    /// <summary>Archive the artifacts the stages' targets produce, after every run.</summary>
    public bool ArchiveArtifacts { get; init; } = true;

    /// <summary>A command run after every run (success, failure or abort), e.g. tearing down environments.</summary>
    public string? TeardownCommand { get; init; }

    /// <summary>Path of the generated file, relative to the repository root.</summary>
    public string FileName { get; init; } = "Jenkinsfile";
}

/// <param name="Name">Stage name shown by Jenkins.</param>
/// <param name="Targets">Targets this stage invokes.</param>
public sealed record JenkinsStage(string Name, IReadOnlyList<string> Targets)
{
    /// <summary>The body of a declarative <c>when { }</c> block, e.g. <see cref="JenkinsConditions.BuildingTag"/>.</summary>
    public string? When { get; init; }

    public int? TimeoutMinutes { get; init; }
}

/// <summary>How a secret parameter is bound: <c>string(credentialsId: Id, variable: ENV)</c> (a "secret text" credential).</summary>
public sealed record JenkinsCredential(string Parameter, string CredentialsId);

/// <summary>Common declarative <c>when</c> conditions.</summary>
public static class JenkinsConditions
{
    public const string BuildingTag = "buildingTag()";

    public static string Branch(string pattern) => $"branch '{pattern.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
}
