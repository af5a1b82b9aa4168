using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Local;

/// <summary>
/// Extracts a candidate template once per candidate id into <c>templates/&lt;id&gt;/rootfs</c>. Nodes only ever
/// use it as an overlay lower layer, so it is never written after extraction.
/// </summary>
internal sealed class LxcTemplateCache(string directory)
{
    public string RootfsOf(string candidateId) => Path.Combine(directory, candidateId, "rootfs");

    public async Task<string> EnsureExtractedAsync(CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var home = Path.Combine(directory, candidate.Id.Value);
        var rootfs = RootfsOf(candidate.Id.Value);
        var complete = Path.Combine(home, "complete");
        if (File.Exists(complete))
        {
            return rootfs;
        }
        Directory.CreateDirectory(home);
        using var held = await FileLock.AcquireAsync(Path.Combine(home, "extract.lock"), LockWait.UpTo(TimeSpan.FromMinutes(10)),
            $"extracting candidate {candidate.Id.Value}", cancellationToken).ConfigureAwait(false);
        if (File.Exists(complete))
        {
            return rootfs;
        }
        if (!File.Exists(candidate.TemplateFile))
        {
            throw new FileNotFoundException($"candidate template {candidate.TemplateFile} does not exist; bake or fetch candidate {candidate.Id} first");
        }
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
        // The store verified the template in this invocation (the CandidateRef says so): extracting is its only other
        // read, through a counted stream on tar's standard input.
        List<string> arguments = ["-x", "-p", "--numeric-owner", "-f", "-", "-C", temporary];
        if (candidate.TemplateFile.EndsWith(".zst", StringComparison.Ordinal))
        {
            arguments.Insert(0, "--zstd");
        }
        await ProcessRunner.RunCheckedAsync(new ProcessSpec("tar", arguments)
        {
            Timeout = TimeSpan.FromMinutes(10),
            StandardInputWriter = async (input, token) =>
            {
                var template = candidate.OpenTemplate();
                await using (template.ConfigureAwait(false))
                {
                    await template.CopyToAsync(input, token).ConfigureAwait(false);
                }
            },
        }, cancellationToken).ConfigureAwait(false);
        Directory.Move(temporary, rootfs);
        await File.WriteAllTextAsync(complete, candidate.TemplateSha256.Hex + "\n", cancellationToken).ConfigureAwait(false);
        return rootfs;
    }

    public void Remove(string candidateId) =>
        Directory.Delete(Path.Combine(directory, candidateId), recursive: true);
}
