namespace CamBuild.Release.GitHub;

/// <summary>Media type sent with an uploaded asset (GitHub rejects an empty Content-Type).</summary>
internal static class AssetContentTypes
{
    public static string For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".jsonl" => "application/jsonl",
        ".xml" => "application/xml",
        ".md" => "text/markdown",
        ".txt" or ".toml" or ".lock" => "text/plain",
        ".zst" => "application/zstd",
        ".gz" or ".tgz" => "application/gzip",
        _ => "application/octet-stream",
    };
}
