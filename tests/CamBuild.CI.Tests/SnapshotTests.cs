using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

/// <summary>
/// Every generated file is compared byte for byte with Snapshots/. On a mismatch the new output is written
/// next to the snapshot as *.received.* (git-ignored); review it and rename it over the snapshot to accept.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> GeneratedPaths() =>
        new(CiFiles.Generate(SampleCiConfiguration.Configuration).Select(f => f.RelativePath));

    [Theory]
    [MemberData(nameof(GeneratedPaths))]
    public void Sample_configuration_generates_the_snapshot(string relativePath)
    {
        var file = CiFiles.Generate(SampleCiConfiguration.Configuration).Single(f => f.RelativePath == relativePath);
        Snapshot.Match(SnapshotName(relativePath), file.Content);
    }

    [Fact]
    public void Minimal_workflow_generates_the_snapshot()
    {
        var configuration = new CiConfiguration
        {
            Targets = [new CiTarget("Test")],
            GitHubWorkflows =
            [
                new GitHubActionsWorkflow("minimal")
                {
                    On = new GitHubTriggers { PullRequest = true },
                    Caches = [],
                    Environment = new Dictionary<string, string>(),
                    Jobs = [new GitHubJob("test", ["Test"])],
                },
            ],
        };
        Snapshot.Match("minimal.yml", CiFiles.Generate(configuration).Single().Content);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = CiFiles.Generate(SampleCiConfiguration.Configuration);
        var second = CiFiles.Generate(SampleCiConfiguration.Configuration);
        Assert.Equal(first, second);
    }

    private static string SnapshotName(string relativePath) =>
        relativePath.Replace(".github/workflows/", "workflow-", StringComparison.Ordinal).Replace('/', '-');
}
