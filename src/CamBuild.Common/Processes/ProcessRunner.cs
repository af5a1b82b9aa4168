using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;

namespace CamBuild.Common;

/// <summary>
/// The one process runner, on CliWrap: argv without a shell, an environment built from an allow-list, a timeout,
/// the whole process tree killed on timeout or cancellation, output lines handed to callbacks as they come, and a
/// clear message when the program is missing.
/// </summary>
public static class ProcessRunner
{
    /// <summary>How long output is still read after the program exited (a background child may hold the pipe open).</summary>
    private static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(1);

    /// <summary>Runs to the end and returns how it ended, whatever the exit code.</summary>
    public static async Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var environment = ProcessEnvironment.For(spec);
        var program = Resolve(spec.Program, environment);
        var stdout = new Capture(spec.MaximumCapturedChars);
        var stderr = new Capture(spec.MaximumCapturedChars);
        var interleaved = new Lines(spec.MaximumCapturedChars * 2);

        void OnOut(string line)
        {
            stdout.Add(line);
            interleaved.Add(line);
            spec.OnOutputLine?.Invoke(line);
        }

        void OnErr(string line)
        {
            stderr.Add(line);
            interleaved.Add(line);
            spec.OnErrorLine?.Invoke(line);
        }

        var command = Cli.Wrap(program)
            .WithArguments(spec.Arguments)
            .WithWorkingDirectory(spec.WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(spec.StandardInputWriter is not null ? PipeSource.Create(spec.StandardInputWriter)
                : spec.StandardInput is null ? PipeSource.Null : PipeSource.FromString(spec.StandardInput, AtomicFile.Utf8))
            .WithStandardOutputPipe(spec.StandardOutputFile is not null ? PipeTarget.ToFile(spec.StandardOutputFile)
                : spec.StandardOutputConsumer is not null ? PipeTarget.Create(spec.StandardOutputConsumer)
                : PipeTarget.ToDelegate(OnOut))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnErr));

        Process? started = null;
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var forceful = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(
                info =>
                {
                    // The allow-list: the child's environment is exactly what ProcessEnvironment.For built.
                    info.Environment.Clear();
                    foreach (var (name, value) in environment) info.Environment[name] = value;
                },
                process =>
                {
                    started = process;
                    process.EnableRaisingEvents = true;
                    process.Exited += (_, _) => exited.TrySetResult(ExitCodeOf(process));
                },
                forceful.Token, CancellationToken.None);
        }
        catch (Exception e) when (e is Win32Exception || e.InnerException is Win32Exception)
        {
            throw new ProgramNotFoundException(spec.Program, environment.GetValueOrDefault("PATH"), e);
        }

        var running = task.Task;
        var process = started ?? throw new InvalidOperationException($"'{spec.CommandLine}' started without a process.");
        var killed = false;
        int exitCode;
        using var deadline = new CancellationTokenSource(spec.Timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using (stop.Token.Register(() => killed = !exited.Task.IsCompleted && KillTree(process)))
        {
            await Task.WhenAny(running, exited.Task).ConfigureAwait(false);
            // A program that exited but left a child holding its output open is done: read what comes within a
            // grace period, then stop reading.
            if (!running.IsCompleted && await Task.WhenAny(running, Task.Delay(PipeGrace, CancellationToken.None)).ConfigureAwait(false) != running)
            {
                await forceful.CancelAsync().ConfigureAwait(false);
            }
            try
            {
                exitCode = (await running.ConfigureAwait(false)).ExitCode;
            }
            catch (OperationCanceledException) when (forceful.IsCancellationRequested)
            {
                // Stopped reading the output of an exited program; its exit code stands.
                exitCode = await exited.Task.ConfigureAwait(false);
            }
        }
        if (killed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new ProcessTimeoutException(spec.CommandLine, spec.Timeout, string.Concat(interleaved.Snapshot().Select(l => l + "\n")));
        }
        return new ProcessOutcome(spec.CommandLine, exitCode, stdout.Text, stderr.Text, interleaved.Snapshot(), clock.Elapsed);
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit is a <see cref="ProcessFailedException"/> with the error output.</summary>
    public static async Task<ProcessOutcome> RunCheckedAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        var outcome = await RunAsync(spec, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded ? outcome : throw new ProcessFailedException(outcome);
    }

    /// <summary>Shorthand: <paramref name="program"/> with <paramref name="arguments"/>, the basic environment and a timeout.</summary>
    public static Task<ProcessOutcome> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunAsync(new ProcessSpec(program, arguments) { Timeout = timeout }, cancellationToken);

    /// <summary>Shorthand of <see cref="RunCheckedAsync(ProcessSpec, CancellationToken)"/>.</summary>
    public static Task<ProcessOutcome> RunCheckedAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunCheckedAsync(new ProcessSpec(program, arguments) { Timeout = timeout }, cancellationToken);

    /// <summary>The full path of <paramref name="program"/> on <paramref name="searchPath"/>, or null.</summary>
    public static string? Find(string program, string? searchPath)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(program) ? program : null;
        }
        foreach (var directory in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string Resolve(string program, IReadOnlyDictionary<string, string> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return program;
        }
        var path = environment.GetValueOrDefault("PATH");
        return Find(program, path) ?? throw new ProgramNotFoundException(program, path);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static int ExitCodeOf(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>Kills the program and its descendants; false when it had already exited (then nothing was killed).</summary>
    private static bool KillTree(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return false;
            }
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // exited meanwhile
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private sealed class Lines(int maximumChars)
    {
        private readonly List<string> _lines = [];
        private int _chars;

        public void Add(string line)
        {
            lock (_lines)
            {
                if (_chars < maximumChars)
                {
                    _lines.Add(line);
                    _chars += line.Length + 1;
                }
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_lines) return [.. _lines];
        }
    }

    private sealed class Capture(int maximum)
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public void Add(string line)
        {
            lock (_text)
            {
                if (_text.Length < maximum)
                {
                    _text.Append(line).Append('\n');
                }
            }
        }
    }
}
