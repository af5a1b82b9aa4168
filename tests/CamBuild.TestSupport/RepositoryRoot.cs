using System.Runtime.CompilerServices;

namespace CamBuild.TestSupport;

/// <summary>The checkout the tests were built from (nearest ancestor of the test binaries holding CamBuild.sln) and shared/.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CamBuild.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No ancestor of {AppContext.BaseDirectory} holds CamBuild.sln.");
    });

    public static string Path => Found.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// The shared/ folder: <c>$CAMBUILD_SHARED_DIR</c>, else a <c>shared</c> directory holding <paramref name="probe"/>
    /// beside an ancestor of the test binaries.
    /// </summary>
    public static string Shared(string probe)
    {
        if (Environment.GetEnvironmentVariable("CAMBUILD_SHARED_DIR") is { Length: > 0 } fromEnvironment)
            return System.IO.Path.Combine(fromEnvironment, probe);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", probe);
            if (File.Exists(candidate) || Directory.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException(
            $"Cannot find shared/{probe} above {AppContext.BaseDirectory}; set CAMBUILD_SHARED_DIR to the shared directory.");
    }

    /// <summary>The directory of the calling source file (in the source tree, not bin/).</summary>
    public static string SourceDirectory([CallerFilePath] string callerPath = "") => System.IO.Path.GetDirectoryName(callerPath)!;

    /// <summary>The test project's directory in the source tree: the nearest ancestor of the calling file holding a .csproj.</summary>
    public static string ProjectDirectory([CallerFilePath] string callerPath = "")
    {
        var directory = new DirectoryInfo(System.IO.Path.GetDirectoryName(callerPath)!);
        while (directory.GetFiles("*.csproj").Length == 0)
            directory = directory.Parent ?? throw new InvalidOperationException($"No .csproj above {callerPath}.");
        return directory.FullName;
    }
}
