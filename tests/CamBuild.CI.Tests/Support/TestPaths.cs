using System.Runtime.CompilerServices;

namespace CamBuild.CI.Tests.Support;

internal static class TestPaths
{
    /// <summary>tests/CamBuild.CI.Tests in the source tree (not bin/), found from this file's compile-time path.</summary>
    public static string ProjectDirectory { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile())!)!;

    public static string ValidatorsDirectory => Path.Combine(ProjectDirectory, "validators");

    /// <summary>The shared/ folder beside the repository (../shared from the repository root).</summary>
    public static string SharedDirectory => Path.GetDirectoryName(Path.GetDirectoryName(RepositoryRoot.Shared("schemas/github-workflow.json"))!)!;

    public static string SharedFile(params string[] parts) => Path.Combine([SharedDirectory, .. parts]);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
