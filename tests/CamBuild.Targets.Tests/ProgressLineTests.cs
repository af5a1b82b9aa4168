using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;

namespace CamBuild.Targets.Tests;

/// <summary>Progress of long steps: one status line redrawn in place on a terminal, a line per report elsewhere.</summary>
public class ProgressLineTests
{
    private static (BuildLog Log, StringWriter Console, StringWriter File) Live(SecretMasker? masker = null, bool live = true)
    {
        var console = new StringWriter();
        var file = new StringWriter();
        return (new BuildLog(console, masker ?? new SecretMasker(), Verbosity.Normal, colour: false, file, live: live, width: 100), console, file);
    }

    [Fact]
    public void On_a_terminal_progress_is_one_status_line_redrawn_and_cleared_before_other_lines()
    {
        var (log, console, file) = Live();
        log.Progress(1, 3, "web1 healthy");
        var first = console.ToString();
        Assert.DoesNotContain('\n', first);
        Assert.Contains("━━━━━━━━━━──", first, StringComparison.Ordinal);
        Assert.Contains("1/3 web1 healthy", first, StringComparison.Ordinal);

        log.Info("a line of the step");
        var afterInfo = console.ToString()[first.Length..];
        Assert.StartsWith(BuildLog.EraseLine + "a line of the step" + Environment.NewLine, afterInfo, StringComparison.Ordinal);
        Assert.Contains("1/3 web1 healthy", afterInfo, StringComparison.Ordinal);

        log.Progress(3, 3, "api2 healthy");
        var end = console.ToString();
        Assert.EndsWith(BuildLog.EraseLine + "[3/3] api2 healthy" + Environment.NewLine, end, StringComparison.Ordinal);
        log.Info("next");
        Assert.EndsWith("healthy" + Environment.NewLine + "next" + Environment.NewLine, console.ToString(), StringComparison.Ordinal);
        Assert.Contains("[1/3] web1 healthy", file.ToString(), StringComparison.Ordinal);
        Assert.Contains("[3/3] api2 healthy", file.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Elsewhere_each_report_is_a_plain_line()
    {
        var (log, console, _) = Live(live: false);
        log.Progress(1, 15, "portal specialised");
        Assert.Equal("[ 1/15] portal specialised" + Environment.NewLine, console.ToString());
    }

    [Fact]
    public void The_status_line_is_masked_escaped_and_fits_the_width()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2secret");
        var (log, console, file) = Live(masker);
        log.Progress(2, 6, "[red]pip[/] with hunter2secret " + new string('x', 300));
        var text = console.ToString();
        Assert.DoesNotContain("hunter2secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", file.ToString(), StringComparison.Ordinal);
        Assert.Contains("[red]pip[/]", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 100, $"{text.Length} characters: {text}");
        Assert.EndsWith("s", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_target_section_clears_the_status_line()
    {
        var (log, console, _) = Live();
        log.Progress(1, 2, "pack (tar)");
        log.Section("DeployEnvironment", null);
        log.Info("after");
        var text = console.ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape("1/2 pack")));
        Assert.EndsWith("after" + Environment.NewLine, text, StringComparison.Ordinal);
    }
}
