using System.Runtime.CompilerServices;

namespace CamBuild.CI.Tests.Support;

internal static class TestPaths
{
    /// <summary>tests/CamBuild.CI.Tests in the source tree (not bin/), found from this file's compile-time path.</summary>
    public static string ProjectDirectory { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile())!)!;

    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    public static string ValidatorsDirectory => Path.Combine(ProjectDirectory, "validators");

    /// <summary>The shared/ folder beside the repository (../shared from the repository root).</summary>
    public static string SharedDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("CAMBUILD_SHARED_DIR") is { Length: > 0 } fromEnvironment)
                return fromEnvironment;
            for (var directory = new DirectoryInfo(ProjectDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared");
                if (File.Exists(Path.Combine(candidate, "schemas", "github-workflow.json")))
                    return candidate;
            }
            throw new InvalidOperationException($"No shared/schemas/github-workflow.json in any parent of {ProjectDirectory}; the shared/ folder must sit beside the repository.");
        }
    }

    public static string SharedFile(params string[] parts) => Path.Combine([SharedDirectory, .. parts]);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
