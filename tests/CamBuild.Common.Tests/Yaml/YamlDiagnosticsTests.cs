using YamlDotNet.RepresentationModel;

namespace CamBuild.Common.Tests.Yaml;

public sealed class YamlDiagnosticsTests
{
    private static YamlNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    [Fact]
    public void Unknown_keys_are_reported_where_they_stand_with_did_you_mean()
    {
        var problems = new YamlDiagnostics("lab.yaml");
        var entries = problems.Mapping(Parse("name: lab\nprovder: lxc\ncolour: red\n"), "the environment", ["name", "provider"]);

        Assert.Equal(["name"], entries.Keys);
        Assert.Equal(
            ["lab.yaml:2:1: unknown key 'provder' in the environment; did you mean 'provider'? allowed: name, provider",
             "lab.yaml:3:1: unknown key 'colour' in the environment; allowed: name, provider"],
            problems.All.Select(d => d.ToString()));
        Assert.Equal(new SourceLocation("lab.yaml", 2, 1), problems.All[0].Location);
    }

    [Fact]
    public void A_family_of_files_keeps_its_wording_in_the_one_shape()
    {
        var words = new MappingWords((what, keys) => $"{what} is not a mapping ({keys})", (key, what, hint, keys) => $"'{key}'? {hint}keys: {keys}");
        var problems = new YamlDiagnostics("s.yaml");

        problems.Mapping(Parse("- a\n"), "the file", ["x"], words);
        problems.Mapping(Parse("y: 1\n"), "the file", ["x"], words);

        Assert.Equal(["s.yaml:1:1: the file is not a mapping (x)", "s.yaml:1:1: 'y'? did you mean 'x'? keys: x"], problems.All.Select(d => d.ToString()));
    }

    [Fact]
    public void Scalars_integers_and_lists_are_checked_with_positions()
    {
        var problems = new YamlDiagnostics("f.yaml");
        var node = Parse("name: ''\ncores: many\nroles: [a, '']\n");
        var entries = problems.Mapping(node, "node 'x'", ["name", "cores", "roles", "disk"]);

        Assert.Null(problems.Text(entries, "name", "node 'x'", node, required: true));
        Assert.Null(problems.Text(entries, "disk", "node 'x'", node, required: true));
        Assert.Null(problems.Integer(entries, "cores", "node 'x'", 1));
        Assert.Equal(["a"], problems.Strings(entries, "roles", "node 'x'").Select(s => s.Value));

        Assert.Equal(
            ["f.yaml:1:1: node 'x' is missing the required key 'disk'",
             "f.yaml:1:7: 'name' in node 'x' must be a non-empty string",
             "f.yaml:2:8: 'cores' in node 'x' must be an integer of at least 1, got 'many'",
             "f.yaml:3:12: every item of 'roles' in node 'x' must be a non-empty string"],
            problems.Sorted.Select(d => d.ToString()));
    }

    [Fact]
    public void Bad_yaml_is_a_positioned_problem()
    {
        var problems = new YamlDiagnostics("bad.yaml");

        Assert.Null(problems.Document("a: [1, 2\n"));

        var problem = Assert.Single(problems.All);
        Assert.StartsWith("not valid YAML: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal("bad.yaml", problem.File);
        Assert.True(problem.Line >= 1);
    }

    [Theory]
    [InlineData("timout", "timeout")]
    [InlineData("nmae", "name")]
    [InlineData("colour", null)]
    public void Did_you_mean_is_at_most_two_edits_away(string typed, string? expected)
    {
        Assert.Equal(expected, DidYouMean.Closest(typed, ["name", "kind", "timeout", "junit"]));
    }

    [Fact]
    public void On_a_tie_the_candidate_listed_first_wins()
    {
        Assert.Equal("ab", DidYouMean.Closest("a", ["ab", "ac"]));
        Assert.Equal("ac", DidYouMean.Closest("a", ["ac", "ab"]));
        Assert.Equal("", DidYouMean.Hint("zzzzzz", ["a"]));
    }
}
