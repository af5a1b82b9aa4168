namespace CamBuild.Common;

/// <summary>
/// One program run: argv (never a shell line), where, with what environment, for how long, and where its output goes.
/// The child gets only the <see cref="Inherit"/>ed variables that are set in the build's environment plus
/// <see cref="Environment"/>; never the build's environment wholesale (tokens and secrets stay in the build).
/// </summary>
public sealed record ProcessSpec(string Program, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables given to the child explicitly; they win over inherited ones.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Names the child may inherit from the build's environment (see <see cref="ProcessEnvironment.Basic"/>).</summary>
    public IReadOnlyCollection<string> Inherit { get; init; } = ProcessEnvironment.Basic;

    /// <summary>After this the whole process tree is killed and a <see cref="ProcessTimeoutException"/> is thrown.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Called with each line of standard output (when not redirected) and of standard error, as they come.</summary>
    public Action<string>? OnOutputLine { get; init; }

    public Action<string>? OnErrorLine { get; init; }

    /// <summary>Text written to standard input; without it the child's standard input is empty.</summary>
    public string? StandardInput { get; init; }

    /// <summary>When set, this writes standard input (e.g. streams a file the runner counts); wins over <see cref="StandardInput"/>.</summary>
    public Func<Stream, CancellationToken, Task>? StandardInputWriter { get; init; }

    /// <summary>When set, standard output is written to this file instead of being captured.</summary>
    public string? StandardOutputFile { get; init; }

    /// <summary>When set, standard output is handed to this consumer (e.g. to hash a stream) instead of being captured.</summary>
    public Func<Stream, CancellationToken, Task>? StandardOutputConsumer { get; init; }

    /// <summary>Captured output is cut after this many characters per stream (a runaway child cannot fill the memory).</summary>
    public int MaximumCapturedChars { get; init; } = 8 * 1024 * 1024;

    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments));
}
