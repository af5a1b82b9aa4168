using CamBuild.Pipeline.Config;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Tests.Config;

public sealed class LeavesConfigTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private BuildInputException LoadFails(string yaml)
    {
        _root.Write(LeavesConfig.RelativePath, yaml);
        return Assert.Throws<BuildInputException>(() => LeavesConfig.Load(_root.Path));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_file_line_and_column()
    {
        var error = LoadFails("""
            index: not-a-url
            mirror: somewhere
            leaves:
              - name: katcomp
              - name: KatComp
              - name: katproxy
                allow_dev: maybe
                pinned: true
              - just-a-name
            """);

        Snapshot.Match("leaves-many-problems.txt", error.Message.TrimEnd('\n') + "\n");
    }

    [Fact]
    public void Credentials_in_the_index_url_and_missing_leaves_are_reported_together()
    {
        var error = LoadFails("index: https://deploy:s3cret-token@pypi.example.org/simple/\n");

        Snapshot.Match("leaves-credentials-and-no-leaves.txt", error.Message.TrimEnd('\n') + "\n");
        Assert.DoesNotContain("s3cret-token", error.Message, StringComparison.Ordinal);

        var ftp = LoadFails("index: ftp://deploy:s3cret@host/simple/\nleaves:\n  - name: katcomp\n");
        Assert.Contains("URL with credentials", ftp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ftp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_leaves_list_is_refused()
    {
        var error = LoadFails("index: embedded\nleaves: []\n");

        Assert.Equal("config/leaves.yaml:2:9: 'leaves' must name at least one package.", error.Message);
    }

    [Fact]
    public void Invalid_yaml_names_the_position()
    {
        var error = LoadFails("index: embedded\nleaves:\n  - name: [katcomp\n");

        Assert.StartsWith("config/leaves.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_how_to_restore_it()
    {
        var error = Assert.Throws<BuildInputException>(() => LeavesConfig.Load(_root.Path));

        Assert.Contains("config/leaves.yaml: file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_https_index_and_per_leaf_flags_load()
    {
        _root.Write(LeavesConfig.RelativePath, """
            index: https://pypi.example.org/simple/
            leaves:
              - name: katcomp
                allow_prereleases: true
              - name: katproxy
                allow_dev: true
            """);

        var leaves = LeavesConfig.Load(_root.Path);

        Assert.False(leaves.UsesEmbeddedIndex);
        Assert.Equal("https://pypi.example.org/simple/", leaves.Index);
        Assert.Equal([new LeafConfig("katcomp", true, false), new LeafConfig("katproxy", false, true)], leaves.Leaves);
    }
}
