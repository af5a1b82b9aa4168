using CamBuild.Targets.Hosting;
using CamBuild.Targets.Output;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Tests.Support;

namespace CamBuild.Targets.Tests;

public sealed class HostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-host-").FullName;

    public HostTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Exit, string Output, SampleBuild Build) Run(params string[] args)
    {
        BuildBase.PendingRoot = _root;
        var build = new SampleBuild { Masker = new SecretMasker() };
        var output = new StringWriter();
        int exit;
        try
        {
            exit = BuildHost.Run(build, new ParsedArguments(args), _root, ["Pin"], output);
        }
        catch (BuildUsageException e)
        {
            output.WriteLine($"error: {e.Message}");
            exit = ExitCodes.UsageError;
        }

        return (exit, build.Masker.Apply(output.ToString()), build);
    }

    [Fact]
    public void Help_lists_listed_targets_with_dependencies_then_parameters() =>
        Snapshot.Match("help.txt", Run("--help").Output);

    [Fact]
    public void Default_target_runs_with_its_dependencies_and_prints_a_summary()
    {
        var (exit, output, build) = Run("--no-logo");
        Assert.Equal(0, exit);
        Assert.Equal(["ResolveLeaves", "Pin"], build.Ran);
        Assert.Contains("Build succeeded", output, StringComparison.Ordinal);
        Assert.Matches(@"Pin\s+Succeeded", output);
        Assert.True(File.Exists(Path.Combine(_root, ".nuke/temp/build.log")));
    }

    [Fact]
    public void Schema_is_generated_with_parameters_and_target_names()
    {
        Run("--plan");
        var schema = File.ReadAllText(Path.Combine(_root, ".nuke/build.schema.json"));
        Assert.Contains("\"CompressionLevel\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"integer\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"ResolveLeaves\"", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_html_writes_a_page_and_prints_its_path_without_running_anything()
    {
        var (exit, output, build) = Run("Pin", "--plan", "html");
        Assert.Equal(0, exit);
        Assert.Empty(build.Ran);
        var path = output.Trim();
        Assert.Equal(Path.Combine(_root, ".nuke/temp/execution-plan.html"), path);
        Assert.Contains("graph LR", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Unmet_requirement_exits_2_before_running()
    {
        var (exit, output, build) = Run("Publish");
        Assert.Equal(2, exit);
        Assert.Empty(build.Ran);
        Assert.Contains("requires 'GitHubToken'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_parameters_are_masked_in_logs_summary_and_exceptions()
    {
        const string token = "tok_9f8e7d6c5b4a";
        var (exit, output, _) = Run("Publish", "--git-hub-token", token);
        Assert.Equal(1, exit);
        Assert.DoesNotContain(token, output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, File.ReadAllText(Path.Combine(_root, ".nuke/temp/build.log")), StringComparison.Ordinal);
        Assert.Contains("publishing with token ****", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_exits_1_and_continue_resumes_after_the_failed_target()
    {
        File.WriteAllText(Path.Combine(_root, "break-pin"), "");
        var first = Run("Pin");
        Assert.Equal(1, first.Exit);
        Assert.Equal(["ResolveLeaves"], first.Build.Ran);

        File.Delete(Path.Combine(_root, "break-pin"));
        var resumed = Run("Pin", "--continue");
        Assert.Equal(0, resumed.Exit);
        Assert.Equal(["Pin"], resumed.Build.Ran);
    }

    [Fact]
    public void Unknown_target_and_bad_parameter_exit_2()
    {
        Assert.Equal(2, Run("Bake").Exit);
        var (exit, output, _) = Run("Pin", "--compression-level", "max");
        Assert.Equal(2, exit);
        Assert.Contains("--compression-level", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_override_the_default_parameters_file()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke/parameters.json"), """{ "IndexUrl": "http://default/" }""");
        File.WriteAllText(Path.Combine(_root, ".nuke/parameters.lab.json"), """{ "IndexUrl": "http://lab/" }""");
        Assert.Contains("index http://lab/", Run("ResolveLeaves", "--profile", "lab").Output, StringComparison.Ordinal);
        Assert.Contains("index http://default/", Run("ResolveLeaves").Output, StringComparison.Ordinal);
        Assert.Equal(2, Run("ResolveLeaves", "--profile", "nope").Exit);
    }
}

public sealed class ExplainHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-explain-host-").FullName;

    public ExplainHostTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        File.WriteAllText(Path.Combine(_root, "lock-input.txt"), "v1");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Exit, string Output, SampleBuild Build) Run(params string[] args)
    {
        BuildBase.PendingRoot = _root;
        var build = new SampleBuild { Masker = new SecretMasker() };
        var output = new StringWriter();
        var exit = BuildHost.Run(build, new ParsedArguments([.. args, "--no-logo"]), _root, ["Pin"], output);
        return (exit, build.Masker.Apply(output.ToString()), build);
    }

    [Fact]
    public void Explain_before_any_run_says_why_and_runs_nothing_and_leaves_no_log()
    {
        var (exit, output, build) = Run("Lock", "--explain");
        Assert.Equal(0, exit);
        Assert.Empty(build.Ran);
        Assert.Matches(@"Lock\s+executes\n\s+- no recorded run", output);
        Assert.Contains("1 of 1 targets would execute: Lock.", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, ".nuke/temp/build.log")));
    }

    [Fact]
    public void Expect_cached_fails_with_exit_1_naming_the_target_then_passes_and_runs_once_cached()
    {
        var (exit, output, build) = Run("Lock", "--expect-cached");
        Assert.Equal(1, exit);
        Assert.Empty(build.Ran);
        Assert.Contains("--expect-cached: 1 of 1 targets would execute: Lock.", output, StringComparison.Ordinal);
        Assert.Contains("no recorded run", output, StringComparison.Ordinal);

        Assert.Equal(0, Run("Lock").Exit);
        var again = Run("Lock", "--expect-cached");
        Assert.Equal(0, again.Exit);
        Assert.Empty(again.Build.Ran);
        Assert.Matches(@"Lock\s+Cached", again.Output);
    }

    [Fact]
    public void Explain_names_a_changed_file_and_a_changed_parameter()
    {
        Assert.Equal(0, Run("Lock").Exit);
        Assert.Contains("Nothing would execute: 1 cached, 0 skipped.", Run("Lock", "--explain").Output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_root, "lock-input.txt"), "v2");
        var (_, output, _) = Run("Lock", "--explain", "--compression-level", "9");
        Assert.Contains("- input file changed: lock-input.txt", output, StringComparison.Ordinal);
        Assert.Contains("- value 'level' changed: '3' -> '9'", output, StringComparison.Ordinal);
        Assert.Equal(1, Run("Lock", "--explain", "--expect-cached").Exit);
    }

    [Fact]
    public void Expect_cached_names_a_target_without_cache_inputs()
    {
        var (exit, output, build) = Run("Pin", "--expect-cached");
        Assert.Equal(1, exit);
        Assert.Empty(build.Ran);
        Assert.Contains("declares no cache inputs", output, StringComparison.Ordinal);
        Assert.Contains("would execute: ResolveLeaves, Pin.", output, StringComparison.Ordinal);
    }
}
