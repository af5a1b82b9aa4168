using CamBuild.Images.Tools;

namespace CamBuild.Images.Os;

/// <summary>Runs commands inside a root directory with the candidate's own tools and a clean environment.</summary>
public static class BaseChroot
{
    /// <summary>The environment every in-image command gets (chroot keeps the host's env otherwise).</summary>
    public static IReadOnlyList<string> CleanEnvironment(long sourceDateEpoch) =>
    [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LC_ALL=C.UTF-8", "TZ=UTC",
        "PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1", "PIP_NO_CACHE_DIR=1", "PIP_DISABLE_PIP_VERSION_CHECK=1",
        "PIP_NO_INPUT=1", $"SOURCE_DATE_EPOCH={sourceDateEpoch}",
    ];

    public static Task<string> RunAsync(string rootDir, long sourceDateEpoch, IEnumerable<string> command,
        string? stdinPath = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var args = new List<string> { rootDir, "env", "-i" };
        args.AddRange(CleanEnvironment(sourceDateEpoch));
        args.AddRange(command);
        return ToolRunner.RunAsync("chroot", args, new ToolRun { StdinPath = stdinPath, Progress = progress }, cancellationToken);
    }

    /// <summary>Runs a Python script with the image's /usr/bin/python3 (for example a marker-environment probe).</summary>
    public static Task<string> RunPythonAsync(BaseImageResult image, string script, CancellationToken cancellationToken = default) =>
        RunPythonAsync(image, script, "/usr/bin/python3", cancellationToken);

    /// <summary>Runs a Python script with one interpreter of the image (e.g. /usr/bin/python2.7).</summary>
    public static async Task<string> RunPythonAsync(BaseImageResult image, string script, string interpreter, CancellationToken cancellationToken = default)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, script, cancellationToken).ConfigureAwait(false);
            return await RunAsync(image.RootDir, image.SourceDateEpoch, [interpreter, "-"], file, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
