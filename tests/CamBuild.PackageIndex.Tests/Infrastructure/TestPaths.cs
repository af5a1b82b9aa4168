namespace CamBuild.PackageIndex.Tests.Infrastructure;

internal static class TestPaths
{
    /// <summary>shared/fixtures/cam-universe.json: $CAMBUILD_SHARED_DIR, else a "shared" directory beside an ancestor of the test binaries.</summary>
    public static string Universe { get; } = FindUniverse();

    private static string FindUniverse()
    {
        const string relative = "fixtures/cam-universe.json";
        if (Environment.GetEnvironmentVariable("CAMBUILD_SHARED_DIR") is { Length: > 0 } shared)
            return Path.Combine(shared, relative);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", relative);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException(
            $"Cannot find shared/{relative} above {AppContext.BaseDirectory}; set CAMBUILD_SHARED_DIR to the shared directory.");
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "cambuild-pkgindex-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process we started may still hold a file for a moment; the OS temp cleaner will finish.
        }
    }
}
