using System.Text.RegularExpressions;

namespace CamBuild.PackageIndex;

/// <summary>PEP 503 project-name normalization and the wheel file-name escaping derived from it.</summary>
public static partial class ProjectNames
{
    [GeneratedRegex("[-_.]+")]
    private static partial Regex SeparatorRun();

    /// <summary><c>re.sub(r"[-_.]+", "-", name).lower()</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SeparatorRun().Replace(name.Trim(), "-").ToLowerInvariant();
    }

    public static bool IsNormalized(string name) => name == Normalize(name);

    /// <summary>The distribution part of a wheel file name (PEP 427/491): separators become underscores.</summary>
    public static string WheelEscape(string name) => SeparatorRun().Replace(name.Trim(), "_").ToLowerInvariant();
}
