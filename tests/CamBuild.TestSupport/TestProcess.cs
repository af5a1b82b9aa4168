namespace CamBuild.TestSupport;

/// <param name="Output">Standard output and error interleaved in arrival order.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, string Output)
{
    public string Combined => StandardOutput + "\n" + StandardError;
}

/// <summary>
/// Runs a real program for a test to its end (see <see cref="StartedProcess"/>: time limit, standard input closed,
/// environment adjusted, a clear failure for a program that cannot be started). <c>started</c> is told the process id
/// as soon as it runs (to watch the process while it works).
/// </summary>
public static class TestProcess
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IEnumerable<string>? removePrefixes = null, IReadOnlyDictionary<string, string>? set = null,
        Action<int>? started = null)
    {
        using var process = StartedProcess.Start(fileName, arguments, workingDirectory, removePrefixes, set);
        started?.Invoke(process.Id);
        return await process.WaitAsync(timeout).ConfigureAwait(false);
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IEnumerable<string>? removePrefixes = null, IReadOnlyDictionary<string, string>? set = null) =>
        RunAsync(fileName, arguments, timeout, workingDirectory, removePrefixes, set).GetAwaiter().GetResult();
}
