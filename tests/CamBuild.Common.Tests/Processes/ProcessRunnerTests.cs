using System.Diagnostics;

namespace CamBuild.Common.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private static ProcessSpec Sh(string script) => new("/bin/sh", ["-c", script]);

    [Fact]
    public async Task Captures_exit_code_both_streams_and_lines_in_order()
    {
        var errors = new List<string>();
        var outcome = await ProcessRunner.RunAsync(Sh("echo out1; echo err1 >&2; echo out2; exit 3") with { OnErrorLine = errors.Add });

        Assert.Equal(3, outcome.ExitCode);
        Assert.False(outcome.Succeeded);
        Assert.Equal("out1\nout2\n", outcome.StandardOutput);
        Assert.Equal("err1\n", outcome.StandardError);
        Assert.Equal(["err1"], errors);
        Assert.Equal(3, outcome.Output.Count);
    }

    [Fact]
    public async Task Output_lines_reach_the_callback_while_the_program_still_runs()
    {
        var first = new TaskCompletionSource<string>();
        var run = ProcessRunner.RunAsync(Sh("echo ready; sleep 5") with { OnOutputLine = line => first.TrySetResult(line) });

        var line = await first.Task.WaitAsync(TimeSpan.FromSeconds(4));

        Assert.Equal("ready", line);
        Assert.False(run.IsCompleted);
        await run;
    }

    [Fact]
    public async Task Standard_input_text_and_working_directory_are_used()
    {
        var outcome = await ProcessRunner.RunAsync(Sh("cat; pwd") with { StandardInput = "hello\n", WorkingDirectory = "/tmp" });

        Assert.Equal("hello\n/tmp\n", outcome.StandardOutput);
    }

    [Fact]
    public async Task The_child_gets_only_allow_listed_variables_and_explicit_ones()
    {
        Environment.SetEnvironmentVariable("CAMBUILD_TEST_SECRET_TOKEN", "hunter2");
        try
        {
            var outcome = await ProcessRunner.RunAsync(new ProcessSpec("/usr/bin/env", [])
            {
                Environment = new Dictionary<string, string> { ["GIVEN"] = "yes" },
            });

            Assert.DoesNotContain("hunter2", outcome.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("GIVEN=yes\n", outcome.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"PATH={Environment.GetEnvironmentVariable("PATH")}\n", outcome.StandardOutput, StringComparison.Ordinal);
            var names = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]);
            Assert.All(names, name => Assert.True(name == "GIVEN" || ProcessEnvironment.Basic.Contains(name), name));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAMBUILD_TEST_SECRET_TOKEN", null);
        }
    }

    [Fact]
    public async Task Inherit_none_gives_an_empty_environment_but_the_explicit_variables()
    {
        var outcome = await ProcessRunner.RunAsync(new ProcessSpec("/usr/bin/env", [])
        {
            Inherit = ProcessEnvironment.None,
            Environment = new Dictionary<string, string> { ["ONLY"] = "1" },
        });

        Assert.Equal("ONLY=1\n", outcome.StandardOutput);
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<ProgramNotFoundException>(() =>
            ProcessRunner.RunAsync(new ProcessSpec("cambuild-no-such-tool", ["--version"])));

        Assert.StartsWith("cannot run 'cambuild-no-such-tool': it is not installed or not executable (searched PATH=", error.Message, StringComparison.Ordinal);
        Assert.Contains("install it", error.Message, StringComparison.Ordinal);

        var absolute = await Assert.ThrowsAsync<ProgramNotFoundException>(() => ProcessRunner.RunAsync(new ProcessSpec("/nonexistent/python", [])));
        Assert.StartsWith("cannot run '/nonexistent/python'", absolute.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_tree_and_says_so()
    {
        var clock = Stopwatch.StartNew();
        var grandchild = new TaskCompletionSource<int>();

        var error = await Assert.ThrowsAsync<ProcessTimeoutException>(() => ProcessRunner.RunAsync(
            Sh("sleep 300 & echo $!; wait") with
            {
                Timeout = TimeSpan.FromSeconds(1),
                OnOutputLine = line => grandchild.TrySetResult(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)),
            }));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal("'/bin/sh -c sleep 300 & echo $!; wait' did not finish within 1 s; it was killed with its child processes.", error.Message);
        Assert.True(await IsGoneAsync(await grandchild.Task), "the grandchild 'sleep 300' survived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_whole_tree_and_is_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var grandchild = new TaskCompletionSource<int>();
        var run = ProcessRunner.RunAsync(Sh("sleep 300 & echo $!; wait") with
        {
            OnOutputLine = line => grandchild.TrySetResult(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)),
        }, cancel.Token);
        var pid = await grandchild.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await IsGoneAsync(pid), "the grandchild 'sleep 300' survived the cancellation");
    }

    [Fact]
    public async Task A_checked_run_fails_with_the_error_output()
    {
        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            ProcessRunner.RunCheckedAsync(Sh("echo broken pipe >&2; exit 2")));

        Assert.Equal("'/bin/sh -c echo broken pipe >&2; exit 2' failed with exit code 2: broken pipe", error.Message);
    }

    [Fact]
    public async Task Standard_output_can_go_to_a_file_or_a_consumer()
    {
        var file = Path.GetTempFileName();
        try
        {
            await ProcessRunner.RunCheckedAsync(Sh("printf abc") with { StandardOutputFile = file });
            Assert.Equal("abc", await File.ReadAllTextAsync(file));

            Sha256 hash = default;
            await ProcessRunner.RunCheckedAsync(Sh("printf abc") with
            {
                StandardOutputConsumer = async (stream, token) => hash = await Sha256.OfAsync(stream, token),
            });
            Assert.Equal(Sha256.OfText("abc"), hash);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Captured_output_is_bounded()
    {
        var outcome = await ProcessRunner.RunAsync(Sh("yes | head -n 100000") with { MaximumCapturedChars = 1000 });

        Assert.InRange(outcome.StandardOutput.Length, 1000, 1010);
    }

    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            // A killed child of a dead parent is reaped by init; until then it is a zombie, which counts as gone.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z")
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
