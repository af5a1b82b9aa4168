namespace CamBuild.PackageIndex.Server;

/// <summary>One distribution file the server knows about, with everything a simple page needs.</summary>
/// <param name="MetadataSha256">sha256 of the PEP 658 metadata file; null for non-wheels.</param>
internal sealed record IndexedFile(
    string Project,
    string FileName,
    string FullPath,
    long Size,
    string Sha256,
    string? RequiresPython,
    string? YankedReason,
    string? MetadataSha256)
{
    public bool IsYanked => YankedReason is not null;
}
