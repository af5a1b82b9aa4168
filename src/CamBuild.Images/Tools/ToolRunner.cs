using System.Text;

namespace CamBuild.Images.Tools;

/// <summary>Options for one tool run.</summary>
internal sealed record ToolRun
{
    public string? StdinPath { get; init; }
    public string? StdoutPath { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public Action<string>? Progress { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>Runs external tools through the process runner with a clean, fixed environment (nothing inherited) and umask 022, so the host never leaks in.</summary>
internal static class ToolRunner
{
    public const string FixedPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Runs the tool and returns its stdout (empty when redirected to a file); throws on non-zero exit.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> args, ToolRun? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunUncheckedAsync(tool, args, options, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ToolFailedException(
                $"'{result.CommandLine}' failed with exit code {result.ExitCode}:\n{Tail(result.Stderr, 4000)}");
        }
        return result.Stdout;
    }

    public static async Task<ToolResult> RunUncheckedAsync(string tool, IEnumerable<string> args, ToolRun? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ToolRun();
        var argList = args.ToList();
        var commandLine = string.Join(' ', new[] { tool }.Concat(argList));
        if (ProcessRunner.Find(tool, FixedPath) is null)
        {
            throw new ProgramNotFoundException(tool, FixedPath);
        }
        var script = new StringBuilder("umask 022; exec \"$@\"");
        if (options.StdinPath is not null) script.Append(" <\"$CAMBUILD_STDIN\"");
        if (options.StdoutPath is not null) script.Append(" >\"$CAMBUILD_STDOUT\"");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = FixedPath,
            ["HOME"] = "/root",
            ["LC_ALL"] = "C.UTF-8",
            ["TZ"] = "UTC",
        };
        if (options.StdinPath is not null) environment["CAMBUILD_STDIN"] = options.StdinPath;
        if (options.StdoutPath is not null) environment["CAMBUILD_STDOUT"] = options.StdoutPath;
        foreach (var (k, v) in options.Environment) environment[k] = v;

        var spec = new ProcessSpec("/bin/sh", ["-c", script.ToString(), "sh", tool, .. argList])
        {
            WorkingDirectory = options.WorkingDirectory ?? "/",
            Inherit = ProcessEnvironment.None,
            Environment = environment,
            Timeout = options.Timeout,
            OnErrorLine = options.Progress,
        };
        try
        {
            var outcome = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            return new ToolResult(commandLine, outcome.ExitCode, outcome.StandardOutput, outcome.StandardError);
        }
        catch (ProcessTimeoutException)
        {
            throw new ToolFailedException($"'{commandLine}' did not finish within {options.Timeout}; it was killed.");
        }
    }

    public static Task<bool> ExistsAsync(string tool) => Task.FromResult(ProcessRunner.Find(tool, FixedPath) is not null);

    private static string Tail(string text, int max) => text.Length <= max ? text : "…" + text[^max..];
}

internal sealed record ToolResult(string CommandLine, int ExitCode, string Stdout, string Stderr);
