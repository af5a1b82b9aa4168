using CamBuild.Deploy.Roles;

namespace CamBuild.Delivery.Tests;

/// <summary>The repository (found from the test binaries) and throw-away directories.</summary>
internal static class TestFiles
{
    public static string Repository
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CamBuild.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("repository root (CamBuild.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Combine(params string[] parts) => Path.Combine([Repository, .. parts]);

    public static RoleCatalog SampleRoles() => RoleCatalog.Load(Combine("samples", "site", "roles.json"));
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cambuild-delivery-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
