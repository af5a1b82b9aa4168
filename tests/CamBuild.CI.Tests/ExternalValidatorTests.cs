using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

/// <summary>Generated files and the shared fixtures checked with the real tools (node + npm packages, Java).</summary>
[Trait("Category", "integration")]
public sealed class ExternalValidatorTests
{
    [Fact]
    public void Generated_workflows_and_the_valid_fixture_pass_github_parser_and_schema()
    {
        using var directory = new TemporaryDirectory();
        var files = WriteGenerated(directory).Where(f => f.EndsWith(".yml", StringComparison.Ordinal)).ToList();
        files.Add(TestPaths.SharedFile("fixtures", "workflows", "valid-nuke-style.yml"));

        var result = NodeValidators.ValidateWorkflows([.. files]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(files.Count, result.Output.Split('\n').Count(l => l.StartsWith("VALID ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("invalid-needs.yml", "depends on unknown job 'biuld'")]
    [InlineData("invalid-semantic.yml", "Unexpected value 'branchs'")]
    [InlineData("invalid-yaml.yml", "INVALID")]
    public void Invalid_workflow_fixtures_are_rejected(string fixture, string expectedMessage)
    {
        var result = NodeValidators.ValidateWorkflows(TestPaths.SharedFile("fixtures", "workflows", fixture));

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains(expectedMessage, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_request_tag_filter_that_only_the_schema_accepts_is_rejected()
    {
        // NUKE emits pull_request.tags; the schema allows it but GitHub's parser does not.
        var result = NodeValidators.ValidateWorkflows(TestPaths.SharedFile("fixtures", "nuke-generated", "detailed-triggers.yml"));

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("Unexpected value 'tags'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Groovy_lint_accepts_the_generated_and_valid_jenkinsfiles_and_rejects_invalid_syntax()
    {
        using var directory = new TemporaryDirectory();
        var generated = WriteGenerated(directory).Single(f => f.EndsWith("Jenkinsfile", StringComparison.Ordinal));
        // CodeNarc scans from the files' common directory; keep them all in one small directory.
        var valid = CopyInto(directory, "Jenkinsfile.valid");
        var invalid = CopyInto(directory, "Jenkinsfile.invalid-syntax");

        // One run for all three files: the JVM start dominates the time on a busy machine.
        var result = NodeValidators.LintGroovy(generated, valid, invalid);
        var (filesLinted, errors) = GroovyLintReport.Read(result.Output);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Equal(3, filesLinted);
        Assert.Contains(errors.GetValueOrDefault(invalid, []), e => e.Contains("Unexpected input", StringComparison.Ordinal));
        Assert.True(errors.Where(e => e.Key != invalid).All(e => e.Value.Count == 0), result.Output);
        Assert.Equal(errors[invalid].Count, errors.Values.Sum(e => e.Count));
    }

    [Fact]
    public void Tricky_scalars_read_back_unchanged_with_a_real_yaml_parser()
    {
        string[] values =
        [
            "on", "yes", "No", "null", "~", "1", "0o17", "0x1F", "1_000", "1:30", "3.5", ".inf", "",
            " padded", "a: b", "a #b", "#x", "*alias", "&anchor", "!tag", "- item", "? key", "'quoted'", "\"dq\"",
            "v*", "**/x", "!exclude", "0 3 * * 1", "${{ secrets.X }}", "x:", "@at", "`tick", "%pct", "{a}", "[a]", "a,b",
        ];
        var map = new Yaml.YamlMap();
        for (var i = 0; i < values.Length; i++)
            map.Add($"k{i}", values[i]);
        map.Add("flow", Yaml.YamlSequence.Of(values.Where(v => v.Length > 0), flow: true));
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File("doc.yml"), Yaml.YamlWriter.Write(map));
        var packageJson = System.Text.Json.JsonSerializer.Serialize(Path.Combine(TestPaths.ValidatorsDirectory, "package.json"));
        var script = $$"""
            import { readFileSync } from "node:fs";
            import { createRequire } from "node:module";
            const require = createRequire({{packageJson}});
            const YAML = require("yaml");
            const text = readFileSync("doc.yml", "utf8");
            for (const version of ["1.1", "1.2"]) console.log(JSON.stringify(YAML.parse(text, { version })));
            """;

        var result = NodeValidators.RunNode(script, directory.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        var expectedMap = values.Select((v, i) => $"\"k{i}\":{System.Text.Json.JsonSerializer.Serialize(v)}");
        var expectedFlow = System.Text.Json.JsonSerializer.Serialize(values.Where(v => v.Length > 0));
        var expected = "{" + string.Join(",", expectedMap) + ",\"flow\":" + expectedFlow + "}";
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal(Normalize(expected), Normalize(line)));
    }

    private static string Normalize(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    private static string CopyInto(TemporaryDirectory directory, string jenkinsFixture)
    {
        var path = directory.File(jenkinsFixture);
        File.Copy(TestPaths.SharedFile("fixtures", "jenkins", jenkinsFixture), path);
        return path;
    }

    private static List<string> WriteGenerated(TemporaryDirectory directory)
    {
        var files = CiFiles.Generate(SampleCiConfiguration.Configuration);
        CiFiles.Write(directory.Path, files);
        return files.Select(f => directory.File(f.RelativePath)).ToList();
    }
}
