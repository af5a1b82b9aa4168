using CamBuild.Targets.Hosting;
using CamBuild.Targets.Output;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Tests.Support;

namespace CamBuild.Targets.Tests;

/// <summary>Secrets by environment variable or owner-only file; a command-line secret warns; the attempt log holds nothing of a secret.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretParameterTests : IDisposable
{
    private static readonly ParameterInfo[] Parameters =
    [
        new("IndexUrl", "index", typeof(string), false, null, null),
        new("GitHubToken", "token", typeof(string), true, null, null),
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-secret-").FullName;

    public SecretParameterTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static IReadOnlyDictionary<string, BoundValue> Bind(string[] args, Dictionary<string, string>? env = null) =>
        ParameterBinder.Bind(Parameters, new ParsedArguments(args), env ?? [], []);

    private string SecretFileWith(string text, UnixFileMode mode)
    {
        var path = Path.Combine(_root, "token-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void A_secret_is_read_from_an_owner_only_file_without_its_final_line_break()
    {
        var path = SecretFileWith("s3cr3t-from-file\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var bound = Bind(["--git-hub-token-file", path])["GitHubToken"];
        Assert.Equal("s3cr3t-from-file", bound.Value);
        Assert.Equal($"file {path}", bound.Source);
    }

    [Fact]
    public void The_file_can_be_named_by_environment_variable()
    {
        var path = SecretFileWith("from-env-file", UnixFileMode.UserRead);
        Assert.Equal("from-env-file", Bind([], new() { ["GITHUB_TOKEN_FILE"] = path })["GitHubToken"].Value);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void A_file_other_users_may_read_is_refused_with_the_fix(UnixFileMode extra)
    {
        var path = SecretFileWith("leaky", UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        var e = Assert.Throws<BuildUsageException>(() => Bind(["--git-hub-token-file", path]));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", e.Message, StringComparison.Ordinal);
        Assert.Contains("--git-hub-token-file", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leaky", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_empty_file_is_a_usage_error_naming_it()
    {
        var missing = Path.Combine(_root, "nope");
        Assert.Contains(missing, Assert.Throws<BuildUsageException>(() => Bind(["--git-hub-token-file", missing])).Message, StringComparison.Ordinal);
        var empty = SecretFileWith("\n", UnixFileMode.UserRead);
        Assert.Contains("is empty", Assert.Throws<BuildUsageException>(() => Bind(["--git-hub-token-file", empty])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_option_exists_only_for_secrets() =>
        Assert.Contains("Unknown parameter", Assert.Throws<BuildUsageException>(() => Bind(["--index-url-file", "x"])).Message, StringComparison.Ordinal);

    [Fact]
    public void The_command_line_value_still_wins_over_file_and_environment()
    {
        var path = SecretFileWith("from-file", UnixFileMode.UserRead);
        Assert.Equal("from-cli", Bind(["--git-hub-token", "from-cli", "--git-hub-token-file", path], new() { ["GITHUB_TOKEN"] = "from-env" })["GitHubToken"].Value);
        Assert.Equal("from-file", Bind(["--git-hub-token-file", path], new() { ["GITHUB_TOKEN"] = "from-env" })["GitHubToken"].Value);
    }

    private (int Exit, string Output) Run(params string[] args)
    {
        BuildBase.PendingRoot = _root;
        var build = new SampleBuild { Masker = new SecretMasker() };
        var output = new StringWriter();
        var exit = BuildHost.Run(build, new ParsedArguments(args), _root, ["Pin"], output);
        return (exit, output.ToString());
    }

    [Fact]
    public void A_secret_on_the_command_line_warns_once_and_names_the_safe_ways()
    {
        var (exit, output) = Run("Pin", "--git-hub-token", "cli-token-123");
        Assert.Equal(0, exit);
        var warnings = output.Split('\n').Where(l => l.Contains("visible to other users", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("GITHUB_TOKEN", warnings[0], StringComparison.Ordinal);
        Assert.Contains("--git-hub-token-file", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain("visible to other users", Run("Pin").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_attempt_log_is_the_same_whatever_the_secret_and_continue_still_resumes()
    {
        var log = Path.Combine(_root, ".nuke/temp/build-attempt.log");
        File.WriteAllText(Path.Combine(_root, "break-pin"), "");
        Assert.Equal(1, Run("Pin", "--git-hub-token", "first-secret-aaa").Exit);
        var first = File.ReadAllText(log);
        Assert.Equal(1, Run("Pin", "--git-hub-token", "second-secret-bbb").Exit);
        Assert.Equal(first, File.ReadAllText(log));

        File.Delete(Path.Combine(_root, "break-pin"));
        var resumed = Run("Pin", "--git-hub-token", "third-secret-ccc", "--continue");
        Assert.Equal(0, resumed.Exit);
        Assert.DoesNotContain("invocation changed", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_invocation_key_keeps_targets_and_ordinary_options_and_drops_secret_values()
    {
        var parsed = new ParsedArguments(["Pin", "--index-url", "http://x/", "--git-hub-token=abcdef", "--continue"]);
        var key = string.Join(" ", ContinueLog.Invocation(parsed, Parameters));
        Assert.Contains("Pin", key, StringComparison.Ordinal);
        Assert.Contains("http://x/", key, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef", key, StringComparison.Ordinal);
        Assert.DoesNotContain("CONTINUE", key, StringComparison.Ordinal);
    }
}

/// <summary>Changes this process's environment, so it runs alone (no other host test sees GITHUB_TOKEN set).</summary>
[CollectionDefinition("process environment", DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection("process environment")]
public sealed class SecretEnvironmentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-secret-env-").FullName;

    public SecretEnvironmentTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private int Run(params string[] args)
    {
        BuildBase.PendingRoot = _root;
        return BuildHost.Run(new SampleBuild { Masker = new SecretMasker() }, new ParsedArguments(args), _root, ["Pin"], new StringWriter());
    }

    [Fact]
    public void A_variable_holding_a_secret_is_removed_from_the_environment_children_inherit()
    {
        const string name = "CAMBUILD_TEST_GITHUB_TOKEN_CARRIER";
        System.Environment.SetEnvironmentVariable("GITHUB_TOKEN", "env-secret-" + Guid.NewGuid().ToString("N"));
        System.Environment.SetEnvironmentVariable(name, "prefix " + System.Environment.GetEnvironmentVariable("GITHUB_TOKEN"));
        try
        {
            Assert.Equal(0, Run("Pin"));
            Assert.Null(System.Environment.GetEnvironmentVariable("GITHUB_TOKEN"));
            Assert.Null(System.Environment.GetEnvironmentVariable(name));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
            System.Environment.SetEnvironmentVariable(name, null);
        }
    }
}
