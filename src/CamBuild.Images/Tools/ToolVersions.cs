namespace CamBuild.Images.Tools;

/// <summary>Versions of the host tools that shape the candidate's bytes; recorded and part of every cache key.</summary>
public sealed record ToolVersions(string Mmdebstrap, string Tar, string Zstd, string Dpkg)
{
    private static ToolVersions? cached;

    public static async Task<ToolVersions> CollectAsync(CancellationToken cancellationToken = default)
    {
        if (cached is not null) return cached;
        async Task<string> First(string tool, string arg) =>
            (await ToolRunner.RunAsync(tool, [arg], cancellationToken: cancellationToken).ConfigureAwait(false))
            .Split('\n')[0].Trim();
        cached = new ToolVersions(
            await First("mmdebstrap", "--version").ConfigureAwait(false),
            await First("tar", "--version").ConfigureAwait(false),
            await First("zstd", "-V").ConfigureAwait(false),
            await First("dpkg", "--version").ConfigureAwait(false));
        return cached;
    }
}
