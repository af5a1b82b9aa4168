using CamBuild.Common;
using System.Diagnostics;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Providers;
using CamBuild.Qualification.JUnit;
using CamBuild.Qualification.Store;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Running;

/// <summary>
/// Runs suite invocations one after another (suites such as recovery tests disturb the system, so they never overlap;
/// only the per-node runs of one integration suite with <c>for_each_node</c> run side by side, bounded by
/// <see cref="SuiteRunOptions.MaxParallelNodes"/>),
/// each bounded by its timeout, on the host or inside nodes through an <see cref="INodeProvider"/>. Every invocation
/// leaves <c>&lt;output&gt;/&lt;name&gt;/output.log</c> and its JUnit file; all are merged into
/// <c>&lt;output&gt;/qualification.junit.xml</c>.
/// </summary>
public sealed class SuiteRunner
{
    private readonly SuiteSet suites;
    private readonly SuiteRunOptions options;
    private readonly ISuiteExecutor host;
    private readonly ISuiteExecutor? node;

    /// <param name="provider">Needed only for suites that run in nodes; with <paramref name="environment"/>.</param>
    public SuiteRunner(SuiteSet suites, SuiteRunOptions options, INodeProvider? provider = null, EnvironmentSpec? environment = null)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(options);
        this.suites = suites;
        this.options = options;
        host = new HostSuiteExecutor(options, suites.Root);
        var runId = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        node = provider is not null && environment is not null
            ? new NodeSuiteExecutor(provider, environment, suites, options, runId)
            : null;
    }

    public async Task<QualificationRun> RunAllAsync(IReadOnlyList<SuiteInvocation> invocations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocations);
        Validate(invocations);
        var results = new SuiteResult[invocations.Count];
        var index = 0;
        while (index < invocations.Count)
        {
            var group = ParallelGroup(invocations, index);
            await Parallel.ForEachAsync(Enumerable.Range(index, group),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelNodes), CancellationToken = cancellationToken },
                async (at, token) => results[at] = await RunAsync(invocations[at], token).ConfigureAwait(false)).ConfigureAwait(false);
            index += group;
        }
        var merged = Path.Combine(options.OutputDirectory, JUnitMerger.MergedFileName);
        JUnitMerger.MergeFiles(merged, results.Select(result => (result.Name, result.JUnitPath)));
        return new QualificationRun(results, merged);
    }

    /// <summary>How many invocations from <paramref name="start"/> on may run together: the node runs of one integration
    /// suite with <c>for_each_node</c> (read-only health checks); anything else runs alone, in order.</summary>
    private static int ParallelGroup(IReadOnlyList<SuiteInvocation> invocations, int start)
    {
        var first = invocations[start];
        if (first.Node is null || !first.Suite.RunsOn.ForEachNode || first.Suite.Kind != SuiteKind.Integration)
        {
            return 1;
        }
        var end = start + 1;
        while (end < invocations.Count && invocations[end].Node is not null && ReferenceEquals(invocations[end].Suite, first.Suite))
        {
            end++;
        }
        return end - start;
    }

    public async Task<SuiteResult> RunAsync(SuiteInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Validate([invocation]);
        var directory = Path.GetFullPath(Path.Combine(options.OutputDirectory, invocation.Name));
        Directory.CreateDirectory(directory);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var executor = invocation.Node is null ? host : node!;
        var execution = await executor.ExecuteAsync(invocation, directory, cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;

        var logPath = Path.Combine(directory, "output.log");
        var header = $"# suite {invocation.Name} on {invocation.Where}: {string.Join(' ', execution.Command)}\n";
        var footer = execution.StartError ?? (execution.TimedOut ? "timed out" : $"exit code {execution.ExitCode}");
        AtomicFile.WriteAllText(logPath, Secrets.MaskText(header + execution.Output + $"# {footer} after {seconds:0.0} s\n"));
        var junitPath = Path.Combine(directory, invocation.Suite.JUnit);
        var document = SuiteVerdict.Judge(invocation, execution, seconds, options.TailLines, invocation.Suite.JUnit);
        AtomicFile.WriteAllText(junitPath, Secrets.MaskText(JUnitMerger.ToText(document)));
        return new SuiteResult(invocation, started, seconds, execution.ExitCode, execution.TimedOut, junitPath, logPath,
            JUnitParser.Parse(document));
    }

    /// <summary>Fails before anything runs when an invocation needs an input nobody gave.</summary>
    private void Validate(IEnumerable<SuiteInvocation> invocations)
    {
        foreach (var invocation in invocations)
        {
            var used = invocation.Suite.Command.SelectMany(SuitePlaceholders.Used).ToHashSet(StringComparer.Ordinal);
            var missing = new List<string>();
            if (invocation.Node is not null && node is null)
            {
                missing.Add("a node provider and environment (it runs inside node " + invocation.Node.Hostname + ")");
            }
            if (used.Contains("versions") && options.VersionsFile is null)
            {
                missing.Add("{versions}: SuiteRunOptions.VersionsFile");
            }
            if (invocation.Node is null && used.Contains("python") && options.HostPython is null)
            {
                missing.Add("{python} on the host: SuiteRunOptions.HostPython");
            }
            if (invocation.Node is null && used.Contains("site") && options.HostSitePath is null)
            {
                missing.Add("{site} on the host: SuiteRunOptions.HostSitePath");
            }
            if (missing.Count > 0)
            {
                throw new InputException(
                    $"{invocation.Suite.Location}: suite '{invocation.Name}' needs {string.Join("; ", missing)}; pass it to the suite runner");
            }
        }
    }
}
