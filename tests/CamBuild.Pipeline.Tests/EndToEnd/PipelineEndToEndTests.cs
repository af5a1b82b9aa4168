using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace CamBuild.Pipeline.Tests.EndToEnd;

/// <summary>
/// The real build (./build.sh) on a copy of the configuration and the sample system: a broken leaf must fail Qualify and
/// must not be promotable; the unbroken system must qualify and promote. Real publish, pip, bake, LXC and acceptance tests.
/// </summary>
[Trait("Category", "integration")]
public sealed class PipelineEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan QualifyTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan PromoteTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_leaf_with_broken_forwarding_fails_Qualify_and_cannot_be_promoted()
    {
        using var root = new PipelineRootCopy();
        root.BreakKatproxyForwarding("1.0.1");
        try
        {
            await BrokenLeafIsRefused(root);
        }
        finally
        {
            // Nobody else deploys this deliberately broken candidate: drop its extracted template (271 MB) again.
            root.RemoveExtractedTemplate();
        }
    }

    private async Task BrokenLeafIsRefused(PipelineRootCopy root)
    {

        var qualify = await Run("Qualify", root, QualifyTimeout);

        Assert.True(qualify.ExitCode == 1, qualify.ToString());
        Assert.Matches(@"(?m)^.*\bQualify\s+Failed\b", qualify.Output);
        Assert.Equal("1.0.1", LeafVersion(root, "katproxy"));
        var environment = QualificationLeftovers.EnvironmentOf(root.Artifacts);
        AssertTornDown(environment);

        var record = Assert.Single(Directory.GetFiles(Path.Combine(root.Artifacts, "qualifications"), "*.json"));
        using (var json = JsonDocument.Parse(File.ReadAllText(record)))
        {
            Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
            var failures = json.RootElement.GetProperty("suites").EnumerateArray()
                .SelectMany(s => s.GetProperty("failures").EnumerateArray().Select(f => (Suite: s.GetProperty("name").GetString(), Failure: f.GetString()!)))
                .ToList();
            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.Equal("system", f.Suite));
            Assert.Contains(failures, f => f.Failure.Contains("test_request_through_each_proxy_reaches_the_device", StringComparison.Ordinal));
            Assert.All(failures, f => Assert.Contains("command", f.Failure, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains("test_request_through_each_proxy_reaches_the_device", qualify.Output, StringComparison.Ordinal);

        var promote = await Run("Promote", root, PromoteTimeout, "--skip");

        Assert.True(promote.ExitCode == 2, promote.ToString());
        Assert.Contains("Promotion refused", promote.Output, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(record), promote.Output, StringComparison.Ordinal);
        Assert.Contains("only a passing record can be promoted", promote.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root.Artifacts, "releases", "channels", "staging.jsonl")), promote.ToString());
    }

    [Fact]
    public async Task The_unbroken_system_qualifies_and_is_promoted_to_staging()
    {
        using var root = new PipelineRootCopy();

        var qualify = await Run("Qualify", root, QualifyTimeout);

        Assert.True(qualify.ExitCode == 0, qualify.ToString());
        Assert.Matches(@"(?m)^.*\bQualify\s+Succeeded\b", qualify.Output);
        // Every node of the real candidate boots clean: no unit failed (ssh makes its host keys at first start).
        Assert.DoesNotContain("boot finished degraded", qualify.Output, StringComparison.Ordinal);
        AssertTornDown(QualificationLeftovers.EnvironmentOf(root.Artifacts));

        var promote = await Run("Promote", root, PromoteTimeout, "--skip");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        var channel = Path.Combine(root.Artifacts, "releases", "channels", "staging.jsonl");
        var entry = Assert.Single(File.ReadAllLines(channel), l => l.Length > 0);
        using var json = JsonDocument.Parse(entry);
        Assert.Equal("promote", json.RootElement.GetProperty("action").GetString());
        using var pointer = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.Artifacts, "candidate.json")));
        Assert.Equal(pointer.RootElement.GetProperty("id").GetString(), json.RootElement.GetProperty("candidateId").GetString());
    }

    private async Task<BuildRun> Run(string target, PipelineRootCopy root, TimeSpan timeout, params string[] extra)
    {
        var port = BuildScript.FreePort().ToString(CultureInfo.InvariantCulture);
        var run = await BuildScript.RunAsync(timeout, [target, .. extra, "--root", root.Path, "--no-logo", "--embedded-index-port", port]);
        output.WriteLine($"./build.sh {target} {string.Join(' ', extra)}: {run}");
        return run;
    }

    private static string LeafVersion(PipelineRootCopy root, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.Artifacts, "leaves.json")));
        return json.RootElement.GetProperty("leaves").EnumerateArray()
            .Single(l => l.GetProperty("name").GetString() == name).GetProperty("version").GetString()!;
    }

    private static void AssertTornDown(string environment)
    {
        Assert.Empty(QualificationLeftovers.Containers(environment));
        Assert.False(QualificationLeftovers.EnvironmentDirectoryExists(environment), $"/var/lib/cambuild/lxc/{environment} is left over");
        Assert.False(QualificationLeftovers.LinkExists(QualificationLeftovers.BridgeOf(environment)), $"bridge {QualificationLeftovers.BridgeOf(environment)} is left over");
    }
}
