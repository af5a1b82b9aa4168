using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Running;

/// <summary>
/// Runs a suite as a host process (argv, no shell) in its output directory, killed with its children at the timeout,
/// with an allow-listed environment (<see cref="SuiteEnvironment"/>).
/// </summary>
internal sealed class HostSuiteExecutor(SuiteRunOptions options, string root) : ISuiteExecutor
{
    private const int MaximumOutputChars = 8 * 1024 * 1024;

    public async Task<SuiteExecution> ExecuteAsync(SuiteInvocation invocation, string hostDirectory, CancellationToken cancellationToken)
    {
        var suite = invocation.Suite;
        var junit = Path.Combine(hostDirectory, suite.JUnit);
        Directory.CreateDirectory(Path.GetDirectoryName(junit)!);
        File.Delete(junit);
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["junit"] = junit, ["root"] = root };
        AddIfSet(values, "site", options.HostSitePath);
        AddIfSet(values, "python", options.HostPython);
        AddIfSet(values, "versions", options.VersionsFile is null ? null : Path.GetFullPath(options.VersionsFile));
        var command = suite.Command.Select(argument => SuitePlaceholders.Expand(argument, values)).ToList();

        var startInfo = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = hostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        command.Skip(1).ToList().ForEach(startInfo.ArgumentList.Add);
        SuiteEnvironment.Apply(startInfo);

        var output = new StringBuilder();
        void Collect(object sender, DataReceivedEventArgs line)
        {
            lock (output)
            {
                if (line.Data is not null && output.Length < MaximumOutputChars)
                {
                    output.Append(line.Data).Append('\n');
                }
            }
        }
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            return new SuiteExecution(command, null, false, "", $"cannot start '{command[0]}': {exception.Message}", null);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(suite.Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The wait also covers the end of the output; a process that exited but left a child holding its
                // output open is not a timeout.
                timedOut = !process.HasExited;
                if (timedOut)
                {
                    process.Kill(entireProcessTree: true);
                }
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        process.WaitForExit(TimeSpan.FromSeconds(5));
        string text;
        lock (output)
        {
            text = output.ToString();
        }
        var xml = File.Exists(junit) ? await File.ReadAllTextAsync(junit, CancellationToken.None).ConfigureAwait(false) : null;
        return new SuiteExecution(command, timedOut ? null : process.ExitCode, timedOut, text, null, xml);
    }

    private static void AddIfSet(Dictionary<string, string> values, string name, string? value)
    {
        if (value is not null)
        {
            values[name] = value;
        }
    }
}
