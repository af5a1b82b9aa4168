using CamBuild.Common;
using System.Diagnostics;
using System.Text;

namespace CamBuild.Images.Tools;

/// <summary>Options for one tool run.</summary>
public sealed record ToolRun
{
    public string? StdinPath { get; init; }
    public string? StdoutPath { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public Action<string>? Progress { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>Runs external tools with a clean, fixed environment and umask 022, so the host never leaks in.</summary>
public static class ToolRunner
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
        var script = new StringBuilder("umask 022; exec \"$@\"");
        if (options.StdinPath is not null) script.Append(" <\"$CAMBUILD_STDIN\"");
        if (options.StdoutPath is not null) script.Append(" >\"$CAMBUILD_STDOUT\"");
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "/",
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script.ToString());
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(tool);
        foreach (var a in argList) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        psi.Environment["PATH"] = FixedPath;
        psi.Environment["HOME"] = "/root";
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["TZ"] = "UTC";
        if (options.StdinPath is not null) psi.Environment["CAMBUILD_STDIN"] = options.StdinPath;
        if (options.StdoutPath is not null) psi.Environment["CAMBUILD_STDOUT"] = options.StdoutPath;
        foreach (var (k, v) in options.Environment) psi.Environment[k] = v;

        var commandLine = string.Join(' ', new[] { tool }.Concat(argList));
        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            options.Progress?.Invoke(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new ToolFailedException($"'{commandLine}' did not finish within {options.Timeout}; it was killed.");
        }
        process.WaitForExit();
        return new ToolResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static async Task<bool> ExistsAsync(string tool)
    {
        var r = await RunUncheckedAsync("sh", ["-c", $"command -v {tool}"]).ConfigureAwait(false);
        return r.ExitCode == 0;
    }

    private static string Tail(string text, int max) => text.Length <= max ? text : "…" + text[^max..];
}

public sealed record ToolResult(string CommandLine, int ExitCode, string Stdout, string Stderr);
