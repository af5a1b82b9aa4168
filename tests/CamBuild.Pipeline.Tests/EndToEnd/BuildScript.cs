using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

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
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryRoot.Combine("build.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"./build.sh {string.Join(' ', arguments)} did not finish within {timeout}; killed. Output:\n{output}");
        }

        process.WaitForExit();
        return new BuildRun(process.ExitCode, output.ToString(), stopwatch.Elapsed);
    }

    /// <summary>A port nobody listens on right now, for --embedded-index-port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
