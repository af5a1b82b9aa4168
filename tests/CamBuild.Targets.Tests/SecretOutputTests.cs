using CamBuild.Targets.Hosting;
using CamBuild.Targets.Output;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Tests.Support;

namespace CamBuild.Targets.Tests;

/// <summary>
/// A secret given to the real host never reaches any output in clear: console, log file, summary table, exception
/// text, plan text and plan page. The output is captured raw (nothing here applies the masker), so removing the
/// masking from any one of those paths turns its test red.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SecretOutputTests : IDisposable
{
    // Characters that URL, HTML and JSON encoders change, so that every encoded form is exercised too.
    private const string Secret = "canary-7f3a<&>\"+/=";
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-secret-").FullName;

    public SecretOutputTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Exit, string Output) Run(params string[] args)
    {
        BuildBase.PendingRoot = _root;
        var build = new SampleBuild { Masker = new SecretMasker() };
        var output = new StringWriter();
        var exit = BuildHost.Run(build, new ParsedArguments([.. args, "--git-hub-token", Secret]), _root, ["Pin"], output);
        return (exit, output.ToString());
    }

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var form in new[] { Secret, Uri.EscapeDataString(Secret), System.Net.WebUtility.HtmlEncode(Secret), "canary-7f3a" })
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"{where} holds the secret ({form}):\n{text}");
    }

    [Fact]
    public void Console_lines_of_a_target_are_masked()
    {
        var (exit, output) = Run("Publish", "--no-logo");
        Assert.Equal(1, exit);
        AssertNoSecret(output, "console");
        Assert.Contains("publishing with token ****", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_file_is_masked()
    {
        Run("Publish", "--no-logo", "--verbosity", "verbose");
        var log = File.ReadAllText(Path.Combine(_root, ".nuke/temp/build.log"));
        AssertNoSecret(log, "build.log");
        Assert.Contains("publishing with token ****", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_text_of_a_failed_target_is_masked()
    {
        var (_, output) = Run("Publish", "--no-logo");
        var error = output.Split('\n').First(l => l.Contains("System.InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains("rejected token ****", error, StringComparison.Ordinal);
        AssertNoSecret(output, "exception text");
    }

    [Fact]
    public void Summary_table_row_of_a_failed_target_is_masked()
    {
        var (_, output) = Run("Publish", "--no-logo");
        var row = output.Split('\n').Single(l => l.TrimStart().StartsWith("Publish ", StringComparison.Ordinal) && l.Contains("Failed", StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException: rejected token ****", row, StringComparison.Ordinal);
        AssertNoSecret(output, "summary table");
    }

    [Fact]
    public void Plan_text_shows_parameters_with_the_secret_masked()
    {
        var (exit, output) = Run("Publish", "--plan");
        Assert.Equal(0, exit);
        Assert.Matches(@"GitHubToken\s+\*\*\*\* \(command line\)", output);
        AssertNoSecret(output, "--plan text");
    }

    [Fact]
    public void Plan_page_is_masked()
    {
        var (exit, output) = Run("Publish", "--plan", "html");
        Assert.Equal(0, exit);
        var page = File.ReadAllText(output.Trim().Split('\n')[^1].Trim());
        Assert.Contains("GitHubToken", page, StringComparison.Ordinal);
        AssertNoSecret(page, "execution-plan.html");
    }

    [Fact]
    public void Direct_console_writes_of_a_target_are_masked_by_the_entry_point()
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        int exit;
        try
        {
            exit = BuildHost.Execute<SampleBuild>(["Leak", "--no-logo", "--root", _root, "--git-hub-token", Secret]);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Equal(0, exit);
        var text = captured.ToString();
        Assert.Contains("stdout ****", text, StringComparison.Ordinal);
        Assert.Contains("stderr ****", text, StringComparison.Ordinal);
        AssertNoSecret(text, "direct console writes");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
