namespace CamBuild.Pipeline.Tests.Support;

/// <summary>The checkout these tests were built from: the nearest ancestor of the test binaries holding CamBuild.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CamBuild.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No ancestor of {AppContext.BaseDirectory} holds CamBuild.sln.");
    });

    public static string Path => Found.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
