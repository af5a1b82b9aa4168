using System.Diagnostics;
using System.Text;
using Xunit;

namespace CamBuild.TestSupport;

/// <param name="Output">Standard output and error interleaved in arrival order.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, string Output)
{
    public string Combined => StandardOutput + "\n" + StandardError;
}

/// <summary>
/// Runs a real program for a test with a hard time limit (the whole process tree is killed when it runs over), standard
/// input closed, and the environment adjusted: variables starting with any of <c>removePrefixes</c> removed, then
/// <c>set</c> applied. A program that cannot be started fails the test with a message naming it. <c>started</c> is told
/// the process id as soon as it runs (to watch the process while it works).
/// </summary>
public static class TestProcess
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IEnumerable<string>? removePrefixes = null, IReadOnlyDictionary<string, string>? set = null,
        Action<int>? started = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var prefixes = removePrefixes?.ToArray() ?? [];
        foreach (var key in start.Environment.Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in set ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var output = new StringBuilder();
        var error = new StringBuilder();
        var both = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, both, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, both, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            Assert.Fail($"Cannot start '{fileName}' ({failure.Message}); it must be installed and on PATH for this test.");
        }
        process.StandardInput.Close();
        started?.Invoke(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout}; output so far:\n{both}");
        }
        process.WaitForExit();
        lock (both)
            return new ProcessResult(process.ExitCode, output.ToString(), error.ToString(), both.ToString());
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IEnumerable<string>? removePrefixes = null, IReadOnlyDictionary<string, string>? set = null) =>
        RunAsync(fileName, arguments, timeout, workingDirectory, removePrefixes, set).GetAwaiter().GetResult();

    private static void Append(StringBuilder stream, StringBuilder both, string? line)
    {
        if (line is null)
            return;
        lock (both)
        {
            stream.Append(line).Append('\n');
            both.Append(line).Append('\n');
        }
    }
}
