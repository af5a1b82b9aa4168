using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;
using CamBuild.Targets.Tests.Support;

namespace CamBuild.Targets.Tests;

public class SummaryTableTests
{
    [Fact]
    public void Summary_table_snapshot()
    {
        var result = new BuildResult(
        [
            new("ResolveLeaves", TargetStatus.Cached, TimeSpan.FromMilliseconds(12), null),
            new("Pin", TargetStatus.Succeeded, TimeSpan.FromSeconds(3.456), null) { Summary = [new("Packages", "54"), new("Changed", "2")] },
            new("BakeCandidate", TargetStatus.Succeeded, TimeSpan.FromSeconds(95.2), null) { Summary = [new("Candidate", "3f2a9c1d0b7e")] },
            new("DeployEnvironment", TargetStatus.Failed, TimeSpan.FromSeconds(14.02), "InvalidOperationException: node cam-proxy1 failed health check"),
            new("Qualify", TargetStatus.NotRun, TimeSpan.Zero, null),
            new("Promote", TargetStatus.Skipped, TimeSpan.Zero, "OnlyWhen: IsTag"),
        ]);
        Snapshot.Match(SummaryTable.Render(result), "summary-table");
    }

    [Theory]
    [InlineData(0.25, "0.25 s")]
    [InlineData(59.994, "59.99 s")]
    [InlineData(61, "1:01 min")]
    public void Durations_are_formatted_for_people(double seconds, string expected) =>
        Assert.Equal(expected, SummaryTable.Format(TimeSpan.FromSeconds(seconds)));
}
