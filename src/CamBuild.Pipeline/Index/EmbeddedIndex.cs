using System.Security.Cryptography;
using System.Text;
using CamBuild.PackageIndex.Server;
using CamBuild.Targets.Caching;
using CamBuild.Targets.Output;
using CamBuild.Targets.Tooling;

namespace CamBuild.Pipeline.Index;

/// <summary>
/// The index of the embedded default: wheels of samples/ built reproducibly by samples/publish.py into
/// artifacts/index, served on 127.0.0.1 only while a target needs it.
/// </summary>
public static class EmbeddedIndex
{
    private const string StampFile = ".published-from";

    /// <summary>Hash of what the index is built from: the sample packages and the publishing script.</summary>
    public static string SourceDigest(string root)
    {
        var files = Glob.Expand(root, "samples/packages/**", ["**/__pycache__/**"])
            .Append("samples/publish.py").Order(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var f in files)
            sb.Append(f).Append('\0').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, f))))).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Publishes the samples when the index is missing or was built from other sources (into a fresh directory, then swapped in).</summary>
    public static async Task EnsurePublishedAsync(PipelinePaths paths, IBuildLog log, CancellationToken cancellationToken)
    {
        var digest = SourceDigest(paths.Root);
        var stamp = Path.Combine(paths.EmbeddedIndex, StampFile);
        if (File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false)).Trim() == digest)
            return;

        log.Info("Publishing the sample system's wheels to the embedded index (reproducible build)...");
        var fresh = paths.EmbeddedIndex + ".new";
        if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
        var run = await ProcessRunner.RunAsync(new ProcessSpec("/usr/bin/python3", [Path.Combine(paths.Root, "samples", "publish.py"), "--out", fresh])
        {
            WorkingDirectory = paths.Root,
            OnOutputLine = log.Debug,
            OnErrorLine = log.Debug,
        }, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"samples/publish.py failed (exit {run.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, run.Output.TakeLast(20))}");
        await File.WriteAllTextAsync(Path.Combine(fresh, StampFile), digest + "\n", cancellationToken).ConfigureAwait(false);
        var old = paths.EmbeddedIndex + ".old";
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        if (Directory.Exists(paths.EmbeddedIndex)) Directory.Move(paths.EmbeddedIndex, old);
        Directory.Move(fresh, paths.EmbeddedIndex);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        AtomicFile.WriteIfChanged(Path.Combine(paths.Artifacts, ".gitignore"), "*\n");
    }

    /// <summary>The default port is fixed so that file URLs recorded in pylock.toml are the same on every run.</summary>
    public const int DefaultPort = 3141;

    public static PackageIndexServer Start(PipelinePaths paths, int port)
    {
        try
        {
            return PackageIndexServer.Start(new PackageIndexServerOptions(paths.EmbeddedIndex) { Port = port });
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new CamBuild.Targets.BuildInputException(
                $"The embedded index cannot listen on 127.0.0.1:{port} ({e.Message}). Stop what uses that port or pass --embedded-index-port <free port>.", e);
        }
    }
}
