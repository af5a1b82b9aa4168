using System.Runtime.CompilerServices;

namespace CamBuild.Qualification.Tests;

internal static class RepositoryPaths
{
    /// <summary>The repository root (the directory holding CamBuild.sln above the test binaries).</summary>
    public static string Root { get; } = FindRoot();

    public static string TestSource([CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CamBuild.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("CamBuild.sln not found above " + AppContext.BaseDirectory);
    }
}
