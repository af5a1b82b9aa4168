using CamBuild.Deploy.Tests.Benchmarks;
using CamBuild.Deploy.Local;
using Xunit.Abstractions;
using static CamBuild.Deploy.Tests.LxcTestEnvironment;

namespace CamBuild.Deploy.Tests;

/// <summary>The benchmarks: fresh deploy to healthy, parallel against sequential in the same run.</summary>
[Collection("lxc")]
[Trait("Category", "Benchmark")]
public sealed class DeployBenchmarkTests(TestCandidateFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(15, 15.0, "10.231.15")]
    [InlineData(64, 60.0, "10.231.64")]
    public async Task Fresh_environment_is_deployed_and_healthy_within_the_goal(int nodes, double goalSeconds, string subnet)
    {
        var spec = DeployBenchmark.Synthetic($"bench{nodes}", nodes, subnet, ["web", "api"]);
        var benchmark = new DeployBenchmark(new LxcNodeProvider(Options), TestCatalog.Load(), StateDirectory, output.WriteLine);

        var result = await benchmark.RunAsync(spec, fixture.Candidate, parallelism: 8, CancellationToken.None);

        output.WriteLine(result.ToString());
        Assert.True(result.ParallelSeconds <= goalSeconds, result.ToString());
        Assert.True(result.ParallelSeconds < result.SequentialSeconds, result.ToString());
        await AssertNothingLeftAsync(spec);
    }
}
