using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

/// <summary>
/// The CycloneDX SBOM against the strict JSON validator of the official <c>@cyclonedx/cyclonedx-library</c> (npm,
/// validators/package.json, installed by <c>npm ci</c> on first use). A missing node or npm fails the test.
/// </summary>
[Trait("Category", "integration")]
public sealed class CycloneDxValidatorTests
{
    private static readonly Lock InstallLock = new();
    private static readonly string Validators = Path.Combine(RepositoryRoot.ProjectDirectory(), "validators");

    private static ProcessResult Validate(string json)
    {
        lock (InstallLock)
        {
            if (!File.Exists(Path.Combine(Validators, "node_modules", "@cyclonedx", "cyclonedx-library", "package.json")))
            {
                var npm = TestProcess.Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5), Validators);
                Assert.True(npm.ExitCode == 0, $"'npm ci' in {Validators} failed:\n{npm.Output}");
            }
        }
        using var dir = new TempDirectory();
        var file = dir.Write("sbom.cdx.json", json);
        return TestProcess.Run("node", ["validate-cyclonedx.mjs", file], TimeSpan.FromMinutes(1), Validators);
    }

    [Fact]
    public void The_small_candidate_passes_the_strict_validator()
    {
        var result = Validate(CycloneDxWriter.Write(SmallCandidate.Subject()));
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(": ok", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_validator_refuses_an_unknown_property_and_a_bad_hash()
    {
        var doc = JsonNode.Parse(CycloneDxWriter.Write(SmallCandidate.Subject()))!;
        doc["components"]![0]!["hashes"]![0]!["content"] = "not-a-sha";
        doc["metadata"]!["built"] = "today";
        var result = Validate(doc.ToJsonString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("INVALID", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("additionalProperties", result.StandardOutput, StringComparison.Ordinal);
    }
}
