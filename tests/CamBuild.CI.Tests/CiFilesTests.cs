using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

public sealed class CiFilesTests
{
    private static readonly IReadOnlyList<GeneratedFile> Files = CiFiles.Generate(SampleCiConfiguration.Configuration);

    [Fact]
    public void Generate_returns_the_workflow_and_the_jenkinsfile()
    {
        Assert.Equal([".github/workflows/ci.yml", "Jenkinsfile"], Files.Select(f => f.RelativePath));
        Assert.All(Files, f => Assert.DoesNotContain("\r", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_then_check_is_up_to_date_and_a_second_write_changes_nothing()
    {
        using var root = new TemporaryDirectory();

        var written = CiFiles.Write(root.Path, Files);
        var check = CiFiles.Check(root.Path, Files);
        var rewritten = CiFiles.Write(root.Path, Files);

        Assert.Equal(Files.Select(f => f.RelativePath), written);
        Assert.True(check.IsUpToDate);
        Assert.Equal(0, check.ExitCode);
        Assert.Empty(rewritten);
        Assert.Equal(Files[0].Content, File.ReadAllText(root.File(".github/workflows/ci.yml")));
        Assert.Empty(Directory.GetFiles(root.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Check_reports_missing_and_edited_files_with_a_diff_and_exit_code_1()
    {
        using var root = new TemporaryDirectory();
        CiFiles.Write(root.Path, Files);
        var workflow = root.File(".github/workflows/ci.yml");
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("timeout-minutes: 90", "timeout-minutes: 10", StringComparison.Ordinal));
        File.Delete(root.File("Jenkinsfile"));

        var check = CiFiles.Check(root.Path, Files);
        var report = check.Report("./build.sh GenerateCi");

        Assert.Equal(1, check.ExitCode);
        Assert.Equal([(".github/workflows/ci.yml", StaleReason.Different), ("Jenkinsfile", StaleReason.Missing)], check.Stale.Select(s => (s.RelativePath, s.Reason)));
        Assert.Contains("-    timeout-minutes: 10\n+    timeout-minutes: 90\n", check.Stale[0].Diff, StringComparison.Ordinal);
        Assert.StartsWith("--- /dev/null\n+++ b/Jenkinsfile\n", check.Stale[1].Diff, StringComparison.Ordinal);
        Assert.Contains("Run './build.sh GenerateCi' and commit the result.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_accepts_crlf_line_ends_from_a_windows_checkout()
    {
        using var root = new TemporaryDirectory();
        CiFiles.Write(root.Path, Files);
        var jenkinsfile = root.File("Jenkinsfile");
        File.WriteAllText(jenkinsfile, File.ReadAllText(jenkinsfile).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.True(CiFiles.Check(root.Path, Files).IsUpToDate);
    }

    [Fact]
    public void Write_replaces_a_stale_file_and_refuses_paths_outside_the_root()
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.File(".github/workflows"));
        File.WriteAllText(root.File(".github/workflows/ci.yml"), "stale");

        Assert.Equal([".github/workflows/ci.yml", "Jenkinsfile"], CiFiles.Write(root.Path, Files));
        Assert.Equal(Files[0].Content, File.ReadAllText(root.File(".github/workflows/ci.yml")));
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Write(root.Path, [new GeneratedFile("../escape.yml", "x")]));
        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
    }
}
