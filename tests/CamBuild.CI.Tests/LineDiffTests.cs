using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

public sealed class LineDiffTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "a\nb\nc\n", "a\nB\nc\n" },
        { "", "new\nfile\n" },
        { "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "0\n1\n2\n3\n4\n5\n6\n7\nx\n9\n10\n11\n12\n14\n15\n16\n" },
        { "keep\nremove me\n", "keep\n" },
        { "x\n", "" },
    };

    [Trait("Category", "integration")]
    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_diff_applies_with_gnu_patch(string before, string after)
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File("file.txt"), before);
        File.WriteAllText(directory.File("change.diff"), LineDiff.Unified("file.txt", before, after));

        var result = ProcessRunner.Run("patch", ["-p1", "--batch", "--input", "change.diff"], directory.Path, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.Output + File.ReadAllText(directory.File("change.diff")));
        Assert.Equal(after, File.ReadAllText(directory.File("file.txt")));
    }

    [Fact]
    public void Hunk_headers_and_context_follow_the_unified_format()
    {
        var diff = LineDiff.Unified("f", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff);
    }

    [Fact]
    public void A_missing_file_is_diffed_against_dev_null()
    {
        Assert.Equal("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+one\n+two\n", LineDiff.Unified("f", null, "one\ntwo\n"));
    }

    [Fact]
    public void A_difference_only_in_the_final_newline_is_reported()
    {
        Assert.Contains("final newline", LineDiff.Unified("f", "a", "a\n"), StringComparison.Ordinal);
    }
}
