using System.Security.Cryptography;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Process;

namespace CamBuild.Deploy.Local;

/// <summary>
/// Extracts a candidate template once per candidate id into <c>templates/&lt;id&gt;/rootfs</c>. Nodes only ever
/// use it as an overlay lower layer, so it is never written after extraction.
/// </summary>
public sealed class LxcTemplateCache(string directory)
{
    public string RootfsOf(string candidateId) => Path.Combine(directory, candidateId, "rootfs");

    public async Task<string> EnsureExtractedAsync(CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (!CandidateId.IsValid(candidate.Id))
        {
            throw new ArgumentException($"candidate id '{candidate.Id}' must be a hex digest", nameof(candidate));
        }
        var home = Path.Combine(directory, candidate.Id);
        var rootfs = RootfsOf(candidate.Id);
        var complete = Path.Combine(home, "complete");
        if (File.Exists(complete))
        {
            return rootfs;
        }
        Directory.CreateDirectory(home);
        using var held = await FileLock.AcquireAsync(Path.Combine(home, "extract.lock"), LockWait.UpTo(TimeSpan.FromMinutes(10)),
            $"extracting candidate {candidate.Id}", cancellationToken).ConfigureAwait(false);
        if (File.Exists(complete))
        {
            return rootfs;
        }
        await VerifyAsync(candidate, cancellationToken).ConfigureAwait(false);
        var temporary = Path.Combine(home, "rootfs.partial");
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }
        if (Directory.Exists(rootfs))
        {
            Directory.Delete(rootfs, recursive: true);
        }
        Directory.CreateDirectory(temporary);
        List<string> arguments = ["-x", "-p", "--numeric-owner", "-f", candidate.TemplateFile, "-C", temporary];
        if (candidate.TemplateFile.EndsWith(".zst", StringComparison.Ordinal))
        {
            arguments.Insert(0, "--zstd");
        }
        await ProcessRunner.RunCheckedAsync("tar", arguments, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        Directory.Move(temporary, rootfs);
        await File.WriteAllTextAsync(complete, candidate.TemplateSha256 + "\n", cancellationToken).ConfigureAwait(false);
        return rootfs;
    }

    public void Remove(string candidateId) =>
        Directory.Delete(Path.Combine(directory, candidateId), recursive: true);

    private static async Task VerifyAsync(CandidateRef candidate, CancellationToken cancellationToken)
    {
        if (!File.Exists(candidate.TemplateFile))
        {
            throw new FileNotFoundException($"candidate template {candidate.TemplateFile} does not exist; bake or fetch candidate {candidate.Id} first");
        }
        await using var stream = File.OpenRead(candidate.TemplateFile);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        if (!string.Equals(actual, candidate.TemplateSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"candidate template {candidate.TemplateFile} has sha256 {actual}, expected {candidate.TemplateSha256}; the file was changed or is the wrong one");
        }
    }
}
