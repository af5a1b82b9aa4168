using System.Collections.Concurrent;
using CamBuild.Python.Index;
using CamBuild.Python.Metadata;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Distributions;

/// <summary>
/// Per-run cache over an <see cref="IPackageSource"/>: each project listing and each metadata file is fetched once,
/// with at most <c>maxConcurrency</c> requests in flight so prefetches overlap without flooding the index.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds a kernel handle only once AvailableWaitHandle is read, which this class never does.")]
internal sealed class PackageCatalog
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ProjectReleases>>> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, PythonVersion), Lazy<Task<CoreMetadata>>> _metadata = new();
    private readonly SemaphoreSlim _throttle;

    public PackageCatalog(IPackageSource source, int maxConcurrency = 8)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        _throttle = new SemaphoreSlim(Math.Max(1, maxConcurrency));
    }

    public IPackageSource Source { get; }

    public Task<ProjectReleases> GetReleasesAsync(string project, CancellationToken cancellationToken)
    {
        var normalized = PackageName.Normalize(project);
        return _projects.GetOrAdd(normalized, name => new Lazy<Task<ProjectReleases>>(
            () => FetchReleasesAsync(name, cancellationToken))).Value;
    }

    /// <summary>Starts fetching a project listing without waiting for it.</summary>
    public void Prefetch(string project, CancellationToken cancellationToken)
    {
        if (!_projects.ContainsKey(project))
        {
            _ = GetReleasesAsync(project, cancellationToken).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Starts fetching a release's metadata without waiting for it.</summary>
    public void PrefetchMetadata(Release release, DistributionFile wheel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!_metadata.ContainsKey((release.Project, release.Version)))
        {
            _ = GetMetadataAsync(release, wheel, cancellationToken).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Core metadata of a release, read from the given wheel; checked to name the same project and version.</summary>
    public Task<CoreMetadata> GetMetadataAsync(Release release, DistributionFile wheel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return _metadata.GetOrAdd((release.Project, release.Version), _ => new Lazy<Task<CoreMetadata>>(
            () => FetchMetadataAsync(release, wheel, cancellationToken))).Value;
    }

    private async Task<ProjectReleases> FetchReleasesAsync(string project, CancellationToken cancellationToken)
    {
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var files = await Source.GetFilesAsync(project, cancellationToken).ConfigureAwait(false);
            return ProjectReleases.FromFiles(project, files);
        }
        finally
        {
            _throttle.Release();
        }
    }

    private async Task<CoreMetadata> FetchMetadataAsync(Release release, DistributionFile wheel, CancellationToken cancellationToken)
    {
        string text;
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            text = await Source.GetCoreMetadataAsync(wheel, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _throttle.Release();
        }

        var sourceName = $"{wheel.FileName} METADATA from {Source.DisplayUrl}";
        var metadata = CoreMetadata.Parse(text, sourceName);
        if (metadata.Name != release.Project || metadata.Version != release.Version)
        {
            throw new PythonPackagingException(
                $"{sourceName}: names {metadata.Name} {metadata.Version} but the index lists the file under {release.Project} {release.Version}; republish the file with matching metadata.");
        }

        return metadata;
    }
}
