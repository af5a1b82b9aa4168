using System.Globalization;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Packing;

/// <summary>
/// zstd from a pipe (so the frame never records the input size) with -T0: measured byte-identical to -T1..-T8,
/// unlike --single-thread. Level 3 for development, 19 for releases; both are deterministic.
/// </summary>
public static class Compression
{
    public const int Development = 3;
    public const int Release = 19;

    public static IReadOnlyList<string> Flags(int level)
    {
        if (level is < 1 or > 19)
            throw new ImageBuildException($"zstd level {level} is out of range; use 1..19 ({Development} for development, {Release} for releases).");
        return ["-q", "-" + level.ToString(CultureInfo.InvariantCulture), "-T0"];
    }

    public static Task CompressAsync(string tarPath, string outputPath, int level, CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync("zstd", Flags(level), new ToolRun { StdinPath = tarPath, StdoutPath = outputPath }, cancellationToken);

    /// <summary>sha256 of the decompressed stream, i.e. the candidate id of a .tar.zst.</summary>
    public static async Task<string> UncompressedSha256Async(string zstPath, CancellationToken cancellationToken = default)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("zstd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-d", "-q", "-c", zstPath }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        var hash = await System.Security.Cryptography.SHA256.HashDataAsync(p.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
        await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (p.ExitCode != 0) throw new CandidateTamperedException($"'{zstPath}' is not a valid zstd stream: {await stderr.ConfigureAwait(false)}");
        return Convert.ToHexStringLower(hash);
    }
}
