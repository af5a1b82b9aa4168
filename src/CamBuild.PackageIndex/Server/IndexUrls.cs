namespace CamBuild.PackageIndex.Server;

/// <summary>The server's URL space: <c>/simple/</c>, <c>/simple/&lt;project&gt;/</c>, <c>/files/&lt;project&gt;/&lt;file&gt;[.metadata]</c>.</summary>
internal static class IndexUrls
{
    public const string SimplePrefix = "/simple/";
    public const string FilesPrefix = "/files/";
    public const string MetadataSuffix = ".metadata";

    /// <summary>Relative to <c>/simple/&lt;project&gt;/</c>, so clients must resolve relative URLs.</summary>
    public static string FileHrefFromProjectPage(IndexedFile file) =>
        $"../../files/{Uri.EscapeDataString(file.Project)}/{Uri.EscapeDataString(file.FileName)}";
}
