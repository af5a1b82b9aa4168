using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CamBuild.Python.Markers;

namespace CamBuild.Build.Tests;

/// <summary>
/// <c>--explain</c> and <c>--expect-cached</c> through the real <c>./build.sh</c> on a copy of the configuration:
/// ResolveLeaves (against the embedded index of the sample wheels) runs, is then cached, and after a config file is
/// touched the explanation names that file. PrepareBase is skipped: its marker environment is probed from the host's
/// Debian python3 instead of a freshly built base (mmdebstrap).
/// </summary>
[Trait("Category", "integration")]
public sealed class ExplainScriptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly string _root = RealBuild.CopyOfConfiguration();
    private readonly string _port = FreePort().ToString(CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ProcessResult BuildSh(params string[] extra) =>
        TestProcess.Run("/bin/bash",
            [RepositoryRoot.Combine("build.sh"), "ResolveLeaves", "--skip", "PrepareBase", "Prerequisites", .. extra,
             "--root", _root, "--no-logo", "--embedded-index-port", _port],
            Timeout, RepositoryRoot.Path, set: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    [Fact]
    public void Expect_cached_fails_then_passes_and_explain_names_a_touched_config_file()
    {
        var probe = TestProcess.Run("/usr/bin/python3", ["-c", MarkerEnvironment.ProbeScript], TimeSpan.FromMinutes(1));
        Assert.Equal(0, probe.ExitCode);
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "locks"));
        File.WriteAllText(Path.Combine(_root, "artifacts", "locks", "marker-environment.json"), probe.StandardOutput);

        var first = BuildSh("--expect-cached");
        Assert.True(first.ExitCode == 1, first.Output);
        Assert.Contains("no recorded run", first.Output, StringComparison.Ordinal);
        Assert.Contains("--expect-cached: 1 of 3 targets would execute: ResolveLeaves.", first.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "artifacts", "leaves.json")), "--expect-cached ran the target");

        var run = BuildSh();
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"ResolveLeaves\s+Succeeded", run.Output);

        var cached = BuildSh("--expect-cached");
        Assert.True(cached.ExitCode == 0, cached.Output);
        Assert.Matches(@"ResolveLeaves\s+Cached", cached.Output);

        File.AppendAllText(Path.Combine(_root, "config", "leaves.yaml"), "# touched by the test\n");
        var explain = BuildSh("--explain");
        Assert.True(explain.ExitCode == 0, explain.Output);
        Assert.Matches(@"ResolveLeaves\s+executes\n\s+- input file changed: config/leaves.yaml\n", explain.Output);
        Assert.Contains("1 of 3 targets would execute: ResolveLeaves.", explain.Output, StringComparison.Ordinal);

        var stale = BuildSh("--expect-cached");
        Assert.True(stale.ExitCode == 1, stale.Output);
        Assert.Contains("- input file changed: config/leaves.yaml", stale.Output, StringComparison.Ordinal);
        Assert.Contains("--expect-cached: 1 of 3 targets would execute: ResolveLeaves.", stale.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
