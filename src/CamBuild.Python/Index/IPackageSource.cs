namespace CamBuild.Python.Index;

/// <summary>One file of one release as a PEP 503/691 index lists it.</summary>
/// <param name="Project">PEP 503-normalized project name.</param>
/// <param name="YankedReason">Null when not yanked; empty string when yanked without a reason (PEP 592).</param>
/// <param name="HasCoreMetadata">True when the index serves the PEP 658 <c>.metadata</c> file beside it.</param>
public sealed record DistributionFile(
    string Project,
    string FileName,
    Uri Url,
    string Sha256,
    string? RequiresPython,
    string? YankedReason,
    bool HasCoreMetadata)
{
    public bool IsYanked => YankedReason is not null;
    public bool IsWheel => FileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Read side of a package index, as the resolver needs it.</summary>
public interface IPackageSource
{
    /// <summary>The index URL for messages; never carries credentials.</summary>
    Uri DisplayUrl { get; }

    /// <summary>All files of a project; empty when the index does not know the project.</summary>
    Task<IReadOnlyList<DistributionFile>> GetFilesAsync(string project, CancellationToken cancellationToken);

    /// <summary>Core metadata (the METADATA text) of a wheel: PEP 658 file when offered, else read from the wheel.</summary>
    Task<string> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken);

    /// <summary>Downloads a file, verifying its sha256 against the index; throws on mismatch.</summary>
    Task DownloadAsync(DistributionFile file, string destinationPath, CancellationToken cancellationToken);
}
