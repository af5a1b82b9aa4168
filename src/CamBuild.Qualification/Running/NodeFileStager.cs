using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;

namespace CamBuild.Qualification.Running;

/// <summary>
/// Copies host files into a node using only <see cref="INodeProvider.ExecAsync"/>: base64 text in argv, decoded by the
/// node's <c>sh</c> and <c>base64</c>, several files per call, large files in appended chunks (argv elements stay far
/// below Linux's 128 KiB per-argument limit).
/// </summary>
internal sealed class NodeFileStager(INodeProvider provider, EnvironmentSpec environment)
{
    private const int ChunkChars = 64 * 1024;
    private const int BatchChars = 512 * 1024;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private const string Script =
        "while [ $# -gt 0 ]; do mkdir -p \"$(dirname \"$2\")\" || exit 1; " +
        "if [ \"$1\" = a ]; then printf %s \"$3\" | base64 -d >> \"$2\" || exit 1; " +
        "else printf %s \"$3\" | base64 -d > \"$2\" || exit 1; fi; shift 3; done";

    /// <param name="files">(node path, content) pairs.</param>
    public async Task StageAsync(NodeSpec node, IEnumerable<(string NodePath, byte[] Content)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batch = new List<string>();
        var size = 0;
        foreach (var (path, content) in files)
        {
            var text = Convert.ToBase64String(content);
            for (var offset = 0; offset == 0 || offset < text.Length; offset += ChunkChars)
            {
                var chunk = text.Substring(offset, Math.Min(ChunkChars, text.Length - offset));
                if (size + chunk.Length > BatchChars)
                {
                    await RunAsync(node, batch, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                    size = 0;
                }
                batch.AddRange([offset == 0 ? "w" : "a", path, chunk]);
                size += chunk.Length + path.Length;
            }
        }
        if (batch.Count > 0)
        {
            await RunAsync(node, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(NodeSpec node, List<string> arguments, CancellationToken cancellationToken)
    {
        var result = await provider.ExecAsync(environment, node, ["sh", "-c", Script, "cambuild-stage", .. arguments], CallTimeout,
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"copying suite files into node '{node.Hostname}' failed (exit code {result.ExitCode}): {(result.StandardError + result.StandardOutput).Trim()}");
        }
    }
}
