namespace CamBuild.PackageIndex.Wheels;

/// <summary>Builds pure-Python wheel file names and dist-info directory names.</summary>
internal static class WheelFileName
{
    public const string PurePythonTag = "py3-none-any";

    public static string DistInfoDirectory(string project, string version) =>
        $"{ProjectNames.WheelEscape(project)}-{EscapeVersion(version)}.dist-info";

    public static string Pure(string project, string version) =>
        $"{ProjectNames.WheelEscape(project)}-{EscapeVersion(version)}-{PurePythonTag}.whl";

    private static string EscapeVersion(string version) => version.Trim().Replace('-', '_');
}
