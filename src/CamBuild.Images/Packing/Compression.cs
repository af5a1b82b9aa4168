using System.Globalization;
using System.Security.Cryptography;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Packing;

/// <summary>
/// zstd from a pipe (so the frame never records the input size) with -T0: measured byte-identical to -T1..-T8,
/// unlike --single-thread. Level 3 for development, 19 for releases; both are deterministic.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1724", Justification = "CamBuild.Images.Packing.Compression is the template's zstd stage; System.IO.Compression is never imported beside it.")]
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
        var read = await ReadTemplateAsync(zstPath, decompress: true, cancellationToken).ConfigureAwait(false);
        return read.Content?.Hex ?? throw new CandidateTamperedException($"'{zstPath}' is not a valid zstd stream: {read.ZstdError}");
    }

    /// <summary>
    /// One read of a template: the sha256 of the file and, with <paramref name="decompress"/>, of its decompressed
    /// content (zstd fed from the same read). A file zstd refuses still gets its full file hash, and the reason.
    /// </summary>
    internal static async Task<TemplateRead> ReadTemplateAsync(string zstPath, bool decompress, CancellationToken cancellationToken = default)
    {
        var template = TemplateReads.Open(zstPath);
        await using (template.ConfigureAwait(false))
        {
            if (!decompress)
            {
                return new TemplateRead(await Sha256.OfAsync(template, cancellationToken).ConfigureAwait(false), null, null);
            }
            using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var fed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Sha256 content = default;
            var outcome = await ProcessRunner.RunAsync(new ProcessSpec("zstd", ["-d", "-q", "-c"])
            {
                Inherit = ProcessEnvironment.None,
                Environment = new Dictionary<string, string> { ["PATH"] = ToolRunner.FixedPath },
                StandardInputWriter = (input, token) => FeedAsync(template, fileHash, input, fed, token),
                StandardOutputConsumer = async (stream, token) => content = await Sha256.OfAsync(stream, token).ConfigureAwait(false),
            }, cancellationToken).ConfigureAwait(false);
            await fed.Task.ConfigureAwait(false);
            // zstd may stop early on a bad stream: the rest of the file still counts for the file's hash.
            var buffer = new byte[1 << 20];
            int n;
            while ((n = await template.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                fileHash.AppendData(buffer, 0, n);
            }
            var file = Sha256.FromDigest(fileHash.GetHashAndReset());
            return outcome.Succeeded ? new TemplateRead(file, content, null) : new TemplateRead(file, null, outcome.StandardError.Trim());
        }
    }

    private static async Task FeedAsync(Stream template, IncrementalHash fileHash, Stream input, TaskCompletionSource fed, CancellationToken token)
    {
        try
        {
            var buffer = new byte[1 << 20];
            int n;
            while ((n = await template.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                fileHash.AppendData(buffer, 0, n);
                try
                {
                    await input.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    return; // zstd stopped reading; the caller hashes the rest
                }
            }
        }
        finally
        {
            fed.TrySetResult();
        }
    }
}

/// <summary>What one read of a template showed: the file's sha256 and, when decompressed, the content's (else why not).</summary>
internal sealed record TemplateRead(Sha256 File, Sha256? Content, string? ZstdError);
