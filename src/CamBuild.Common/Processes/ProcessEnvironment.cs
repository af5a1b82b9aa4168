namespace CamBuild.Common;

/// <summary>The environment allow-list: what a child process may inherit from the build's own environment.</summary>
public static class ProcessEnvironment
{
    /// <summary>Locale, paths and terminal, plus what the .NET and CI tooling needs; no tokens, no secrets.</summary>
    public static readonly IReadOnlyCollection<string> Basic =
    [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TMPDIR", "TERM",
        "NO_COLOR", "CI", "DOTNET_ROOT", "DOTNET_CLI_HOME", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT",
        "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "NUGET_PACKAGES",
    ];

    /// <summary>Inherit nothing: the child sees only what the spec gives it explicitly.</summary>
    public static readonly IReadOnlyCollection<string> None = [];

    /// <summary>The child's whole environment: allowed variables that are set here, then the explicit ones.</summary>
    public static IReadOnlyDictionary<string, string> For(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in spec.Inherit)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                result[name] = value;
            }
        }
        foreach (var (name, value) in spec.Environment)
        {
            result[name] = value;
        }
        return result;
    }
}
