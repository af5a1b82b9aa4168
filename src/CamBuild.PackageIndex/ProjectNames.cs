using CamBuild.Python.Versions;

namespace CamBuild.PackageIndex;

/// <summary>The wheel file-name escaping derived from the one PEP 503 normaliser (<see cref="PackageName.Normalize"/>).</summary>
internal static class ProjectNames
{
    /// <summary>The distribution part of a wheel file name (PEP 427/491): separators become underscores.</summary>
    public static string WheelEscape(string name) => PackageName.Normalize(name).Replace('-', '_');
}
