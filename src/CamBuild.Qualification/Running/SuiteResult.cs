using CamBuild.Qualification.JUnit;
using CamBuild.Qualification.Records;

namespace CamBuild.Qualification.Running;

/// <summary>What one suite invocation did. Its JUnit file always exists, with synthetic failures where needed.</summary>
/// <param name="ExitCode">The command's exit code; null when it could not start or was killed at its timeout.</param>
public sealed record SuiteResult(
    SuiteInvocation Invocation,
    DateTimeOffset Started,
    double Seconds,
    int? ExitCode,
    bool TimedOut,
    string JUnitPath,
    string LogPath,
    JUnitResult JUnit)
{
    public string Name => Invocation.Name;

    public bool Passed => JUnit.Failed == 0;

    /// <summary>The record's view of this suite; the JUnit path becomes relative to the record's directory.</summary>
    public SuiteOutcome ToOutcome(string recordDirectory) => new(Name, Invocation.Suite.KindText, JUnit.Passed, JUnit.Failed,
        JUnit.Skipped, Math.Round(Seconds, 3),
        Path.GetRelativePath(Path.GetFullPath(recordDirectory), Path.GetFullPath(JUnitPath)).Replace('\\', '/'),
        JUnit.Failures.Select(FailureLine).ToList());

    internal static string FailureLine(TestCaseResult testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var message = testCase.Message.Split('\n', 2)[0].Trim();
        if (message.Length > 200)
        {
            message = message[..200] + "...";
        }
        return message.Length > 0 ? $"{testCase.FullName}: {message}" : testCase.FullName;
    }
}

/// <summary>All suites of one qualification and the merged JUnit file.</summary>
public sealed record QualificationRun(IReadOnlyList<SuiteResult> Suites, string MergedJUnitPath)
{
    public bool Passed => Suites.Count > 0 && Suites.All(suite => suite.Passed);

    public IReadOnlyList<SuiteOutcome> Outcomes(string recordDirectory) =>
        Suites.Select(suite => suite.ToOutcome(recordDirectory)).ToList();
}
