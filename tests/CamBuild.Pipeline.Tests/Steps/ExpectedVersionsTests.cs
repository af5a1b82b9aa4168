using System.Text.Json;
using CamBuild.Images.Store;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Pipeline.Tests.Steps;

public sealed class ExpectedVersionsTests
{
    /// <summary>A manifest as manifest.json would hold it, with only the pip freeze of each environment filled in.</summary>
    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static StoredCandidate WithFreeze(Dictionary<string, string> freeze)
    {
        var json = JsonSerializer.Serialize(new { format = CandidateManifest.FormatId, id = new string('a', 64), pipFreeze = freeze });
        var manifest = JsonSerializer.Deserialize<CandidateManifest>(json, CamelCase)!;
        return new StoredCandidate(manifest.Id, "/nonexistent", "/nonexistent/t.tar.zst", manifest);
    }

    [Fact]
    public void Versions_of_every_environment_are_merged_and_sorted()
    {
        var candidate = WithFreeze(new()
        {
            ["cam"] = "katproxy==1.0.1\nkatcore==1.0.0\r\n  katconf==1.0.0  \n",
            ["tools"] = "certifi==2024.2.2\n",
        });

        var versions = QualifyStep.ExpectedVersions(candidate);

        Assert.Equal(
            [new("certifi", "2024.2.2"), new("katconf", "1.0.0"), new("katcore", "1.0.0"), new KeyValuePair<string, string>("katproxy", "1.0.1")],
            versions);
    }

    [Fact]
    public void Lines_that_are_not_name_equals_version_are_ignored()
    {
        var candidate = WithFreeze(new() { ["cam"] = "# comment\n\nkatsim @ file:///tmp/katsim.whl\nkatsim==1.2.0\n" });

        var versions = QualifyStep.ExpectedVersions(candidate);

        Assert.Equal([new KeyValuePair<string, string>("katsim", "1.2.0")], versions);
    }
}
