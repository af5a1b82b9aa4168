namespace CamBuild.PackageIndex.Wheels;

/// <summary>Builds pure-Python wheel file names and dist-info directory names.</summary>
internal static class WheelFileName
{
    public const string PurePythonTag = "py3-none-any";

    /// <summary>A pure wheel for Python 2 and 3 (what <c>bdist_wheel --universal</c> makes).</summary>
    public const string UniversalTag = "py2.py3-none-any";

    public static string DistInfoDirectory(string project, string version) =>
        $"{ProjectNames.WheelEscape(project)}-{EscapeVersion(version)}.dist-info";

    public static string Pure(string project, string version, string tag = PurePythonTag) =>
        $"{ProjectNames.WheelEscape(project)}-{EscapeVersion(version)}-{tag}.whl";

    private static string EscapeVersion(string version) => version.Trim().Replace('-', '_');
}
