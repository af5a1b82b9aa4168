using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CamBuild.Pipeline.Tests.EndToEnd;

public sealed record BuildRun(int ExitCode, string Output, TimeSpan Duration)
{
    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:0} s; output:\n{Output}";
}

/// <summary>Runs the repository's ./build.sh as a user would, bounded in time (the whole process tree is killed on timeout).</summary>
public static class BuildScript
{
    public static async Task<BuildRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var stopwatch = Stopwatch.StartNew();
        var run = await TestProcess.RunAsync("/bin/bash", [RepositoryRoot.Combine("build.sh"), .. arguments], timeout, RepositoryRoot.Path,
            set: new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        return new BuildRun(run.ExitCode, run.Output, stopwatch.Elapsed);
    }

    /// <summary>A port nobody listens on right now, for --embedded-index-port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
