using System.Diagnostics;
using System.Text;
using Xunit;

namespace CamBuild.TestSupport;

/// <summary>
/// A real program a test started and watches: standard input closed, output collected as it arrives (each stream and
/// both interleaved), the environment adjusted (variables starting with any of <c>removePrefixes</c> removed, then
/// <c>set</c> applied). <see cref="WaitAsync"/> has a hard time limit (the whole tree is killed when it runs over);
/// <see cref="KillAsync"/> is a SIGKILL of the program alone, as <c>kill -9</c> leaves its children.
/// </summary>
public sealed class StartedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly StringBuilder _both = new();

    private StartedProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    /// <summary>The program and its arguments, for messages.</summary>
    public string Description { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output and error interleaved in arrival order, so far.</summary>
    public string Output
    {
        get
        {
            lock (_both)
                return _both.ToString();
        }
    }

    /// <summary>Starts the program; one that cannot be started fails the test with a message naming it.</summary>
    public static StartedProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IEnumerable<string>? removePrefixes = null, IReadOnlyDictionary<string, string>? set = null)
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

        var started = new StartedProcess(new Process { StartInfo = start }, $"{fileName} {string.Join(' ', start.ArgumentList)}");
        started._process.OutputDataReceived += (_, e) => started.Append(started._output, e.Data);
        started._process.ErrorDataReceived += (_, e) => started.Append(started._error, e.Data);
        try
        {
            started._process.Start();
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            started.Dispose();
            Assert.Fail($"Cannot start '{fileName}' ({failure.Message}); it must be installed and on PATH for this test.");
        }
        started._process.StandardInput.Close();
        started._process.BeginOutputReadLine();
        started._process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the end; past <paramref name="timeout"/> the whole tree is killed and a TimeoutException names the output so far.</summary>
    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"'{Description}' did not finish within {timeout}; output so far:\n{Output}");
        }
        _process.WaitForExit();   // the output events have all been delivered after this
        lock (_both)
            return new ProcessResult(_process.ExitCode, _output.ToString(), _error.ToString(), _both.ToString());
    }

    /// <summary>SIGKILL to the program only (its children are left as a kill -9 leaves them).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public void Dispose() => _process.Dispose();

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
            return;
        lock (_both)
        {
            stream.Append(line).Append('\n');
            _both.Append(line).Append('\n');
        }
    }
}
