namespace CamBuild.Deploy.Config;

/// <summary>
/// The node configuration is invalid. Carries every problem found (not just the first); the build maps it to
/// exit code 2 (usage or configuration error).
/// </summary>
internal sealed class EnvironmentConfigException : DeployConfigurationException
{
    public EnvironmentConfigException(IReadOnlyList<Diagnostic> errors)
        : this(errors.OrderBy(error => error.Line).ThenBy(error => error.Column).ToList(), sorted: true)
    {
    }

    private EnvironmentConfigException(List<Diagnostic> errors, bool sorted)
        : base(Describe(errors))
    {
        _ = sorted;
        Errors = errors;
    }

    public IReadOnlyList<Diagnostic> Errors { get; }

    private static string Describe(IReadOnlyList<Diagnostic> errors) =>
        $"node configuration is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(error => "  " + error));
}
