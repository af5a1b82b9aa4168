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
        Snapshot.Match("summary-table.txt", SummaryTable.Render(result));
    }

    [Fact]
    public void Colour_is_written_only_when_asked_and_plain_text_keeps_every_cell()
    {
        var result = new BuildResult(
        [
            new("Pin", TargetStatus.Succeeded, TimeSpan.FromSeconds(1), null) { Summary = [new("Packages", "54")] },
            new("Qualify", TargetStatus.Failed, TimeSpan.FromSeconds(2), "boom"),
        ]);

        var plain = SummaryTable.Render(result);
        var coloured = SummaryTable.Render(result, colour: true);

        Assert.DoesNotContain('\u001b', plain);
        Assert.Contains('\u001b', coloured);
        Assert.Matches(@"(?m)^\s*Pin\s+Succeeded\s+1\.00 s\s+Packages: 54$", plain);
        Assert.Matches(@"(?m)^\s*Qualify\s+Failed\s+2\.00 s\s+boom$", plain);
        Assert.Matches(@"(?m)^\s*Total\s+3\.00 s$", plain);
        Assert.All(plain.Split('\n'), line => Assert.Equal(line.TrimEnd(), line));
    }

    [Theory]
    [InlineData(0.25, "0.25 s")]
    [InlineData(59.994, "59.99 s")]
    [InlineData(61, "1:01 min")]
    public void Durations_are_formatted_for_people(double seconds, string expected) =>
        Assert.Equal(expected, SummaryTable.Format(TimeSpan.FromSeconds(seconds)));
}
