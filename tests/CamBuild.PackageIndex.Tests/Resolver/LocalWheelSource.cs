using CamBuild.PackageIndex.Wheels;
using CamBuild.Python.Index;

namespace CamBuild.PackageIndex.Tests.Resolver;

/// <summary>The universe's wheels as an <see cref="IPackageSource"/>: the files pip sees, metadata read from the wheels.</summary>
internal sealed class LocalWheelSource(RandomUniverse universe) : IPackageSource
{
    public Uri DisplayUrl { get; } = new Uri(universe.FindLinksPage);

    public Task<IReadOnlyList<DistributionFile>> GetFilesAsync(string project, CancellationToken cancellationToken)
    {
        IReadOnlyList<DistributionFile> files = universe.Wheels
            .Where(w => w.Project == project)
            .Select(w => new DistributionFile(w.Project, Path.GetFileName(w.Path), new Uri(w.Path), w.Sha256, w.RequiresPython, w.YankedReason, HasCoreMetadata: false))
            .ToArray();
        return Task.FromResult(files);
    }

    public Task<string> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken) =>
        Task.FromResult(WheelMetadataReader.ReadMetadataText(file.Url.LocalPath));

    public Task DownloadAsync(DistributionFile file, string destinationPath, CancellationToken cancellationToken)
    {
        File.Copy(file.Url.LocalPath, destinationPath, overwrite: true);
        return Task.CompletedTask;
    }
}
