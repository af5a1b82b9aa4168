namespace CamBuild.Common;

/// <summary>How a run ended. <see cref="Output"/> is standard output and error interleaved by line, as they came.</summary>
public sealed record ProcessOutcome(string CommandLine, int ExitCode, string StandardOutput, string StandardError,
    IReadOnlyList<string> Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>The program is not installed (not found on the child's PATH) or cannot be executed.</summary>
public sealed class ProgramNotFoundException : InvalidOperationException
{
    public ProgramNotFoundException(string program, string? searchPath, Exception? inner = null)
        : base($"cannot run '{program}': it is not installed or not executable" +
            (searchPath is null || Path.IsPathRooted(program) ? "" : $" (searched PATH={searchPath})") +
            $"; install it (e.g. apt-get install the package that provides {Path.GetFileName(program)}) and run again.", inner)
    {
        Program = program;
    }

    public ProgramNotFoundException() { }

    public ProgramNotFoundException(string message) : base(message) { }

    public ProgramNotFoundException(string message, Exception inner) : base(message, inner) { }

    public string Program { get; } = "";
}

/// <summary>The run took longer than its timeout; its whole process tree was killed.</summary>
public sealed class ProcessTimeoutException : TimeoutException
{
    public ProcessTimeoutException(string commandLine, TimeSpan timeout, string output)
        : base($"'{commandLine}' did not finish within {timeout.TotalSeconds:0.#} s; it was killed with its child processes.")
    {
        CommandLine = commandLine;
        Timeout = timeout;
        Output = output;
    }

    public ProcessTimeoutException() { }

    public ProcessTimeoutException(string message) : base(message) { }

    public ProcessTimeoutException(string message, Exception inner) : base(message, inner) { }

    public string CommandLine { get; } = "";

    public TimeSpan Timeout { get; }

    /// <summary>What the run printed before it was killed.</summary>
    public string Output { get; } = "";
}

/// <summary>A checked run exited non-zero; the message carries the tail of its error output.</summary>
internal sealed class ProcessFailedException : InvalidOperationException
{
    public ProcessFailedException(ProcessOutcome outcome)
        : base($"'{outcome?.CommandLine}' failed with exit code {outcome?.ExitCode}: {Tail(outcome!)}")
    {
        Outcome = outcome;
    }

    public ProcessFailedException() { }

    public ProcessFailedException(string message) : base(message) { }

    public ProcessFailedException(string message, Exception inner) : base(message, inner) { }

    public ProcessOutcome? Outcome { get; }

    private static string Tail(ProcessOutcome outcome)
    {
        var text = (outcome.StandardError.Trim() + "\n" + outcome.StandardOutput.Trim()).Trim();
        return text.Length <= 4000 ? text : "…" + text[^4000..];
    }
}
