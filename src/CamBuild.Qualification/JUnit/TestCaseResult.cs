namespace CamBuild.Qualification.JUnit;

public enum TestOutcome
{
    Passed,
    Failed,
    Error,
    Skipped,
}

/// <summary>One <c>testcase</c> of a JUnit XML file.</summary>
/// <param name="TestSuite">Name of the enclosing <c>testsuite</c> (empty when it has none).</param>
/// <param name="Message">Failure, error or skip message (the <c>message</c> attribute, else the first line of the text).</param>
/// <param name="Details">Full text of the failure or error element (e.g. a traceback).</param>
public sealed record TestCaseResult(
    string TestSuite, string ClassName, string Name, double Seconds, TestOutcome Outcome, string Message, string Details)
{
    public string FullName => ClassName.Length > 0 ? $"{ClassName}.{Name}" : Name;

    public bool IsFailure => Outcome is TestOutcome.Failed or TestOutcome.Error;
}

/// <summary>The test cases of one JUnit XML document.</summary>
/// <param name="Seconds">The document's own total time, else the sum of its cases.</param>
public sealed record JUnitResult(IReadOnlyList<TestCaseResult> Cases, double Seconds)
{
    public int Passed => Cases.Count(testCase => testCase.Outcome == TestOutcome.Passed);

    public int Failed => Cases.Count(testCase => testCase.IsFailure);

    public int Skipped => Cases.Count(testCase => testCase.Outcome == TestOutcome.Skipped);

    internal IEnumerable<TestCaseResult> Failures => Cases.Where(testCase => testCase.IsFailure);
}
