using System.Diagnostics;

namespace CamBuild.Targets.Tooling;

public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output);

/// <summary>Runs a program without a shell, streaming each output line to a callback (which masks and logs it).</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, Action<string>? onLine,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;

        using var process = new Process { StartInfo = info };
        var lines = new List<string>();
        void Take(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            onLine?.Invoke(line);
        }

        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, lines);
    }
}
