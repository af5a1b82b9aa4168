using CamBuild.PackageIndex.Client;
using CamBuild.Python.Locks;
using CamBuild.Python.Markers;
using CamBuild.Python.Resolution;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>What Pin writes for one root set, plus the wheels a deployment installs from (fetched by the client, hash-verified).</summary>
internal sealed record PinnedLock(ResolutionResult Result, string LockPath, string WheelDirectory)
{
    public const string RegenerateCommand = "./build.sh Pin";

    public string LockText => File.ReadAllText(LockPath);

    public static async Task<PinnedLock> CreateAsync(
        Uri indexUrl, MarkerEnvironment environment, ResolutionRequest request, string directory, CancellationToken cancellationToken)
    {
        using var source = new HttpPackageSource(indexUrl);
        var result = await new DependencyResolver(source, environment).ResolveAsync(request, cancellationToken);
        var lockPath = Path.Combine(directory, "requirements.txt");
        await CamBuild.Common.AtomicFile.WriteAllTextAsync(lockPath, RequirementsLockWriter.Write(result, RegenerateCommand), cancellationToken);
        var wheels = Path.Combine(directory, "wheels");
        Directory.CreateDirectory(wheels);
        foreach (var file in result.Packages.SelectMany(p => p.Files))
            await source.DownloadAsync(file, Path.Combine(wheels, file.FileName), cancellationToken);
        return new PinnedLock(result, lockPath, wheels);
    }

    public static Task<PinnedLock> CreateAsync(
        Uri indexUrl, MarkerEnvironment environment, string directory, CancellationToken cancellationToken, params string[] roots) =>
        CreateAsync(indexUrl, environment, ResolutionRequest.FromRequirements(roots), directory, cancellationToken);

    public string VersionOf(string project) =>
        Result.Find(project)?.Version.ToString() ?? throw new InvalidOperationException($"{project} is not in the lock:\n{LockText}");
}
