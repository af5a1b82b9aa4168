namespace CamBuild.Qualification.Running;

/// <summary>What running a suite's command produced, before its JUnit is judged.</summary>
/// <param name="ExitCode">Null when the command could not start or was killed at its timeout.</param>
/// <param name="StartError">Why the command could not start or reach its node, if so.</param>
/// <param name="Command">The argv as run, placeholders filled.</param>
/// <param name="JUnitXml">Content of the JUnit file the command wrote, null when it wrote none.</param>
internal sealed record SuiteExecution(IReadOnlyList<string> Command, int? ExitCode, bool TimedOut, string Output, string? StartError, string? JUnitXml);

/// <summary>Runs a suite invocation's command somewhere and brings back its output and JUnit XML.</summary>
internal interface ISuiteExecutor
{
    Task<SuiteExecution> ExecuteAsync(SuiteInvocation invocation, string hostDirectory, CancellationToken cancellationToken);
}
