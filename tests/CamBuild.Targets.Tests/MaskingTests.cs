using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;

namespace CamBuild.Targets.Tests;

public class MaskingTests
{
    private const string Token = "ghp_s3cr3tT0ken/with+chars";

    [Fact]
    public void Masker_replaces_plain_url_encoded_and_base64_forms()
    {
        var masker = new SecretMasker();
        masker.Add(Token);
        var text = $"{Token} {Uri.EscapeDataString(Token)} {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Token))}";
        Assert.Equal("**** **** ****", masker.Apply(text));
    }

    [Fact]
    public void Log_masks_console_and_file_including_errors()
    {
        var masker = new SecretMasker();
        masker.Add(Token);
        var console = new StringWriter();
        var file = new StringWriter();
        var log = new BuildLog(console, masker, Verbosity.Verbose, colour: false, file);
        log.Info($"calling https://api/?token={Token}");
        log.Error($"401 for {Token}");
        log.Debug($"header Authorization: token {Token}");
        Assert.DoesNotContain(Token, console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, file.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, string.Join("\n", log.Problems), StringComparison.Ordinal);
        Assert.Contains("token=****", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_writer_masks_text_written_in_pieces()
    {
        var masker = new SecretMasker();
        masker.Add(Token);
        var inner = new StringWriter();
        using (var writer = new MaskingTextWriter(inner, masker))
        {
            writer.Write(Token[..5]);
            writer.Write(Token[5..]);
            writer.WriteLine(" end");
        }

        Assert.Equal("**** end" + Environment.NewLine, inner.ToString());
    }

    [Fact]
    public void Summary_of_a_failed_target_carries_the_masked_exception()
    {
        var masker = new SecretMasker();
        masker.Add(Token);
        var result = new BuildResult([new TargetResult("Promote", TargetStatus.Failed, TimeSpan.FromSeconds(1), $"HttpRequestException: bad token {Token}")]);
        Assert.DoesNotContain(Token, masker.Apply(SummaryTable.Render(result)), StringComparison.Ordinal);
    }
}

public class LogFileTests
{
    [Fact]
    public void The_log_file_is_plain_text_even_when_the_console_is_coloured()
    {
        var console = new StringWriter();
        var file = new StringWriter();
        var log = new BuildLog(console, new SecretMasker(), Verbosity.Normal, colour: true, file);
        log.Section("Pin", null);
        log.Warn("index slow");
        Assert.Contains("\u001b[", console.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", file.ToString(), StringComparison.Ordinal);
        Assert.Contains("WRN Pin", file.ToString(), StringComparison.Ordinal);
        Assert.Contains("index slow", file.ToString(), StringComparison.Ordinal);
    }
}
