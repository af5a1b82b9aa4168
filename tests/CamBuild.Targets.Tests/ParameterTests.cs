using System.Text.Json;
using CamBuild.Targets.Parameters;

namespace CamBuild.Targets.Tests;

public class ParameterTests
{
    private enum Level { Fast, Release }

    private static readonly ParameterInfo[] Parameters =
    [
        new("IndexUrl", "index", typeof(string), false, null, null),
        new("CompressionLevel", "level", typeof(int), false, null, null),
        new("Mode", "mode", typeof(Level), false, null, null),
        new("KeepEnvironment", "keep", typeof(bool), false, null, null),
        new("Leaves", "leaves", typeof(string[]), false, null, null),
        new("GitHubToken", "token", typeof(string), true, null, null),
    ];

    private static IReadOnlyDictionary<string, BoundValue> Bind(string[] args, Dictionary<string, string>? env = null, params ParameterFile[] files) =>
        ParameterBinder.Bind(Parameters, new ParsedArguments(args), env ?? [], files);

    private static ParameterFile File(string name, string json) =>
        new(name, JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));

    [Fact]
    public void Leading_tokens_are_targets_and_options_take_values_until_the_next_option()
    {
        var parsed = new ParsedArguments(["Pin+Bake", "Qualify", "--skip", "ResolveLeaves", "Pin", "--keep-environment"]);
        Assert.Equal(["Pin", "Bake", "Qualify"], parsed.Targets);
        Assert.Equal(["ResolveLeaves", "Pin"], parsed.Get("skip")!.Values);
        Assert.Empty(parsed.Get("KeepEnvironment")!.Values);
    }

    [Fact]
    public void Command_line_beats_environment_beats_profile_beats_parameters_json()
    {
        var main = File(".nuke/parameters.json", """{"IndexUrl": "http://json", "CompressionLevel": 3, "Mode": "Fast"}""");
        var profile = File(".nuke/parameters.ci.json", """{"IndexUrl": "http://profile", "CompressionLevel": 9}""");
        var env = new Dictionary<string, string> { ["INDEX_URL"] = "http://env" };

        Assert.Equal("http://cli", Bind(["--index-url", "http://cli"], env, main, profile)["IndexUrl"].Value);
        Assert.Equal("http://env", Bind([], env, main, profile)["IndexUrl"].Value);
        Assert.Equal("http://profile", Bind([], null, main, profile)["IndexUrl"].Value);
        Assert.Equal(9, Bind([], null, main, profile)["CompressionLevel"].Value);
        Assert.Equal(Level.Fast, Bind([], null, main, profile)["Mode"].Value);
    }

    [Theory]
    [InlineData("IndexUrl")]
    [InlineData("INDEX_URL")]
    [InlineData("CAMBUILD_INDEX_URL")]
    [InlineData("NUKE_INDEX_URL")]
    [InlineData("indexurl")]
    public void Environment_names_bind_in_every_usual_spelling(string variable) =>
        Assert.Equal("x", Bind([], new() { [variable] = "x" })["IndexUrl"].Value);

    [Fact]
    public void Conflicting_environment_variables_are_an_error()
    {
        var e = Assert.Throws<BuildUsageException>(() => Bind([], new() { ["INDEX_URL"] = "a", ["NUKE_INDEX_URL"] = "b" }));
        Assert.Contains("INDEX_URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_conversion_covers_bool_flags_enums_ints_and_arrays()
    {
        var bound = Bind(["--keep-environment", "--mode", "release", "--compression-level", "19", "--leaves", "katcomp", "katproxy"]);
        Assert.Equal(true, bound["KeepEnvironment"].Value);
        Assert.Equal(Level.Release, bound["Mode"].Value);
        Assert.Equal(19, bound["CompressionLevel"].Value);
        Assert.Equal(new[] { "katcomp", "katproxy" }, bound["Leaves"].Value);
        Assert.Equal(false, Bind(["--keep-environment", "false"])["KeepEnvironment"].Value);
    }

    [Fact]
    public void A_bad_value_names_the_parameter_the_source_and_the_allowed_values()
    {
        var e = Assert.Throws<BuildUsageException>(() => Bind(["--mode", "turbo"]));
        Assert.StartsWith("Parameter --mode from command line: 'turbo' is not a valid Level", e.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed values: Fast, Release", e.Message, StringComparison.Ordinal);
        var f = Assert.Throws<BuildUsageException>(() => Bind([], new() { ["COMPRESSION_LEVEL"] = "high" }));
        Assert.Contains("environment variable COMPRESSION_LEVEL", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_secret_value_is_never_echoed()
    {
        var info = new ParameterInfo("Port", "p", typeof(int), true, null, null);
        var e = Assert.Throws<BuildUsageException>(() => ParameterBinder.Convert(info, ["hunter2"], "command line"));
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_and_file_keys_are_errors_with_a_suggestion()
    {
        var e = Assert.Throws<BuildUsageException>(() => Bind(["--index-ur", "x"]));
        Assert.Contains("Did you mean '--index-url'?", e.Message, StringComparison.Ordinal);
        var f = Assert.Throws<BuildUsageException>(() => Bind([], null, File("p.json", """{"IndexURI": "x"}""")));
        Assert.StartsWith("p.json: unknown parameter 'IndexURI'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_options_are_not_unknown() =>
        Assert.Empty(Bind(["--skip", "--force", "Pin", "--verbosity", "quiet", "--no-logo", "--plan", "html"]));

    [Fact]
    public void Kebab_names_follow_word_boundaries()
    {
        Assert.Equal("git-hub-token", ParameterInfo.ToKebab("GitHubToken"));
        Assert.Equal("index-url", ParameterInfo.ToKebab("IndexUrl"));
        Assert.Equal("pve-api-token", ParameterInfo.ToKebab("PVEApiToken"));
    }
}
