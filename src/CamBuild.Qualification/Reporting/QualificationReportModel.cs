using CamBuild.Qualification.Records;
using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Reporting;

/// <summary>One pipeline target as the build ran it, for the timeline (offsets from the start of the build).</summary>
public sealed record TargetTiming(string Target, string Status, TimeSpan Start, TimeSpan Duration);

/// <summary>A link (path relative to the report) to a log or other artifact.</summary>
public sealed record ReportLink(string Label, string RelativePath);

/// <param name="Details">Full failure text (e.g. a traceback); may be empty.</param>
public sealed record ReportFailure(string Test, string Message, string Details);

/// <param name="Start">Offset from the first suite's start.</param>
public sealed record ReportSuite(string Name, string Kind, string Where, int Passed, int Failed, int Skipped, TimeSpan Start,
    double Seconds, string JUnitLink, string LogLink, IReadOnlyList<ReportFailure> Failures);

/// <summary>Everything the HTML report and the text summary show, with links already relative to the report.</summary>
public sealed record QualificationReportModel(
    QualificationRecord Record,
    IReadOnlyList<TargetTiming> Targets,
    IReadOnlyList<ReportSuite> Suites,
    string? MergedJUnitLink,
    IReadOnlyList<ReportLink> Links)
{
    public static QualificationReportModel Create(QualificationRecord record, IReadOnlyList<TargetTiming> targets, QualificationRun run,
        string reportDirectory, IReadOnlyList<ReportLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var first = run.Suites.Count > 0 ? run.Suites.Min(suite => suite.Started) : DateTimeOffset.MinValue;
        var suites = run.Suites.Select(suite => new ReportSuite(suite.Name, suite.Invocation.Suite.KindText, suite.Invocation.Where,
            suite.JUnit.Passed, suite.JUnit.Failed, suite.JUnit.Skipped, suite.Started - first, suite.Seconds,
            Relative(reportDirectory, suite.JUnitPath), Relative(reportDirectory, suite.LogPath),
            suite.JUnit.Failures.Select(failure => new ReportFailure(failure.FullName, failure.Message, failure.Details)).ToList())).ToList();
        return new QualificationReportModel(record, targets, suites, Relative(reportDirectory, run.MergedJUnitPath), links ?? []);
    }

    public static string Relative(string fromDirectory, string path) =>
        Path.GetRelativePath(Path.GetFullPath(fromDirectory), Path.GetFullPath(path)).Replace('\\', '/');
}
