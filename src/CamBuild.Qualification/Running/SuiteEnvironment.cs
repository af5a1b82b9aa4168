using System.Collections;
using CamBuild.Common;

namespace CamBuild.Qualification.Running;

/// <summary>
/// The environment a host suite starts with: only the variables named here, taken from the build's environment, and
/// none whose value holds a registered secret. The build's own environment (which may carry INDEX_PASSWORD,
/// PROXMOX_SECRET, GITHUB_TOKEN or a CI system's credentials) is never handed over wholesale.
/// </summary>
internal static class SuiteEnvironment
{
    public static readonly IReadOnlyList<string> Allowed =
    [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TMPDIR", "TERM",
    ];

    private static readonly IReadOnlyDictionary<string, string> Fixed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["PYTHONUNBUFFERED"] = "1",
    };

    public static IReadOnlyDictionary<string, string> Build(IDictionary parent)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Allowed)
        {
            if (parent[name] is string value && !Secrets.Contains(value))
            {
                result[name] = value;
            }
        }
        foreach (var (name, value) in Fixed)
        {
            result[name] = value;
        }
        return result;
    }

    /// <summary>Replaces the start info's (inherited) environment by the allow-listed one.</summary>
    public static void Apply(System.Diagnostics.ProcessStartInfo startInfo)
    {
        var allowed = Build(Environment.GetEnvironmentVariables());
        startInfo.Environment.Clear();
        foreach (var (name, value) in allowed)
        {
            startInfo.Environment[name] = value;
        }
    }
}
