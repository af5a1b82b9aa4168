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

        var spec = new ProcessSpec(command[0], command.Skip(1).ToList())
        {
            WorkingDirectory = hostDirectory,
            Inherit = ProcessEnvironment.None,
            Environment = SuiteEnvironment.Build(Environment.GetEnvironmentVariables()),
            Timeout = suite.Timeout,
            MaximumCapturedChars = MaximumOutputChars / 2,
        };
        int? exitCode;
        bool timedOut;
        string text;
        try
        {
            var outcome = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            (exitCode, timedOut, text) = (outcome.ExitCode, false, string.Concat(outcome.Output.Select(line => line + "\n")));
        }
        catch (ProgramNotFoundException exception)
        {
            return new SuiteExecution(command, null, false, "", $"cannot start '{command[0]}': {exception.Message}", null);
        }
        catch (ProcessTimeoutException exception)
        {
            (exitCode, timedOut, text) = (null, true, exception.Output);
        }
        var xml = File.Exists(junit) ? await File.ReadAllTextAsync(junit, CancellationToken.None).ConfigureAwait(false) : null;
        return new SuiteExecution(command, exitCode, timedOut, text, null, xml);
    }

    private static void AddIfSet(Dictionary<string, string> values, string name, string? value)
    {
        if (value is not null)
        {
            values[name] = value;
        }
    }
}
