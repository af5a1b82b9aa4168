using CamBuild.Python.Markers;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>The interpreter the lock tests install into (Debian's python3), and its probed marker environment.</summary>
internal static class TargetInterpreter
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<Task<MarkerEnvironment>> Probed = new(ProbeAsync);

    /// <summary>Marker variables as Pin obtains them: the target's own python runs <see cref="MarkerEnvironment.ProbeScript"/>.</summary>
    public static Task<MarkerEnvironment> MarkerEnvironmentAsync() => Probed.Value;

    private static async Task<MarkerEnvironment> ProbeAsync()
    {
        var result = await ProcessRunner.RunAsync(Python, ["-I", "-c", MarkerEnvironment.ProbeScript], TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Python} -I -c <probe> failed:\n" + result.Combined);
        return MarkerEnvironment.FromJson(result.StandardOutput, $"{Python} probe");
    }
}
