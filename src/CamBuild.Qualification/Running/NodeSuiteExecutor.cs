using System.Diagnostics;
using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Running;

/// <summary>
/// Runs a suite inside a node through the provider: stages the suite's files and the expected versions, runs the command
/// under the node's coreutils <c>timeout</c> (so its output survives a timeout), then reads the JUnit back with <c>cat</c>.
/// </summary>
internal sealed class NodeSuiteExecutor(INodeProvider provider, EnvironmentSpec environment, SuiteSet suites, SuiteRunOptions options,
    string runId) : ISuiteExecutor
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    // $1 work directory, $2 timeout; the rest is the command. Output and errors interleave as the suite wrote them.
    private const string RunScript =
        "cd \"$1\" || exit 125; t=\"$2\"; shift 2; " +
        "exec env PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 timeout -k 5 \"$t\" \"$@\" 2>&1";

    public async Task<SuiteExecution> ExecuteAsync(SuiteInvocation invocation, string hostDirectory, CancellationToken cancellationToken)
    {
        var node = invocation.Node!;
        var suite = invocation.Suite;
        var work = $"{options.NodeWorkDirectory.TrimEnd('/')}/{runId}/{invocation.Name}";
        var junit = $"{work}/out/{suite.JUnit}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["junit"] = junit,
            ["root"] = $"{work}/files",
            ["site"] = options.NodeSitePath,
            ["node"] = node.Hostname,
            ["python"] = options.NodePython,
        };
        var staged = suites.FilesOf(suite)
            .Select(file => ($"{work}/files/{file.RelativePath}", File.ReadAllBytes(Path.Combine(suites.Root, file.RelativePath))))
            .Append(($"{junit[..junit.LastIndexOf('/')]}/.keep", Array.Empty<byte>()))
            .ToList();
        if (options.VersionsFile is not null)
        {
            values["versions"] = $"{work}/versions.json";
            staged.Add((values["versions"], await File.ReadAllBytesAsync(options.VersionsFile, cancellationToken).ConfigureAwait(false)));
        }
        try
        {
            await new NodeFileStager(provider, environment).StageAsync(node, staged, cancellationToken).ConfigureAwait(false);
            return await RunAsync(node, suite, work, junit, values, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException)
        {
            return new SuiteExecution(Expand(suite, values), null, false, "", $"cannot run in node '{node.Hostname}': {exception.Message}", null);
        }
        finally
        {
            await RemoveAsync(node, work).ConfigureAwait(false);
        }
    }

    private async Task<SuiteExecution> RunAsync(NodeSpec node, SuiteDefinition suite, string work, string junit,
        Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var command = Expand(suite, values);
        var seconds = ((long)suite.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var clock = Stopwatch.StartNew();
        CommandResult result;
        try
        {
            result = await provider.ExecAsync(environment, node, ["sh", "-c", RunScript, "cambuild-suite", $"{work}/out", seconds, .. command],
                suite.Timeout + options.NodeGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            return new SuiteExecution(command, null, true, $"(no output: {exception.Message})", null, null);
        }
        var timedOut = result.ExitCode is 124 or 137 && clock.Elapsed >= suite.Timeout * 0.95;
        var output = result.StandardOutput + result.StandardError;
        var cat = await provider.ExecAsync(environment, node, ["cat", junit], CallTimeout, cancellationToken).ConfigureAwait(false);
        return new SuiteExecution(command, timedOut ? null : result.ExitCode, timedOut, output, null, cat.ExitCode == 0 ? cat.StandardOutput : null);
    }

    private static List<string> Expand(SuiteDefinition suite, Dictionary<string, string> values) =>
        suite.Command.Select(argument => SuitePlaceholders.Expand(argument, values)).ToList();

    private async Task RemoveAsync(NodeSpec node, string work)
    {
        try
        {
            await provider.ExecAsync(environment, node, ["rm", "-rf", work], CallTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // The environment is torn down after qualification; a leftover work directory is harmless.
        }
    }
}
