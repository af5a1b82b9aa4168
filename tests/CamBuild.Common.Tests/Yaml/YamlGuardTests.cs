using System.Text;

namespace CamBuild.Common.Tests.Yaml;

public sealed class YamlGuardTests
{
    private static IReadOnlyList<string> Problems(string yaml)
    {
        var problems = new YamlDiagnostics("c.yaml");
        var passed = problems.Guard(yaml);
        Assert.Equal(problems.Any, !passed);
        var loaded = new YamlDiagnostics("c.yaml");
        Assert.Equal(passed, loaded.Document(yaml) is not null); // Document runs the same guard first
        return problems.All.Select(p => p.ToString()).ToList();
    }

    [Fact]
    public void A_plain_configuration_passes()
    {
        Assert.Empty(Problems("name: lab\nnodes:\n  - hostname: a\n    roles: [web, api]\n  - hostname: b\n    text: \"a\\tb\"\n"));
    }

    [Fact]
    public void A_billion_laughs_is_refused_at_its_first_anchor_before_any_tree_is_built()
    {
        var bomb = new StringBuilder("name: lab\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++) bomb.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");

        Assert.Equal(["c.yaml:2:5: anchor '&l0' is not allowed in configuration files; write the value out instead of using anchors and aliases"], Problems(bomb.ToString()));
    }

    [Fact]
    public void An_alias_to_itself_is_refused()
    {
        Assert.Single(Problems("a: *a\n"), p => p.StartsWith("c.yaml:1:4: alias '*a' is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_twice_in_one_mapping_is_refused_at_the_second_naming_the_first()
    {
        Assert.Equal(
            ["c.yaml:5:5: key 'roles' appears twice in this mapping (first at line 4); remove one of them",
             "c.yaml:6:1: key 'name' appears twice in this mapping (first at line 1); remove one of them"],
            Problems("name: lab\nnodes:\n  - hostname: a\n    roles: [web]\n    roles: [api]\nname: again\n"));
    }

    [Fact]
    public void The_same_key_in_two_mappings_is_not_a_duplicate()
    {
        Assert.Empty(Problems("a:\n  name: x\nb:\n  name: y\nc: [{name: 1}, {name: 2}]\n"));
    }

    [Fact]
    public void A_tab_indenting_a_line_is_refused_at_the_tab()
    {
        Assert.Equal(["c.yaml:3:1: a tab indents this line; YAML indents with spaces only: replace the tab with spaces"],
            Problems("name: lab\nnetwork:\n\tsubnet: 10.0.0.0/24\n"));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000));

        Assert.Single(Problems(deep), p => p.Contains($"nests deeper than {YamlDiagnostics.MaximumDepth} levels", StringComparison.Ordinal));
        Assert.Empty(Problems(string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60))));
    }

    [Fact]
    public void A_text_over_the_size_limit_is_refused()
    {
        var big = "name: lab\n" + string.Concat(Enumerable.Repeat("# padding padding padding\n", 50_000));

        Assert.Equal(["c.yaml:1:1: the file is larger than the limit of 1,048,576 bytes; a configuration file this big is not one CamBuild reads: check that it is the right file, or split it"],
            Problems(big));
    }
}

public sealed class InputTextTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_is_read()
    {
        var path = _directory.Combine("a.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name: caf\u00e9\n")]);

        Assert.Equal("name: caf\u00e9\n", InputText.Read(path, "a.yaml"));
    }

    [Fact]
    public void A_byte_that_is_not_utf8_is_named_by_line_and_column()
    {
        var path = _directory.Combine("a.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("name: lab\nsite: caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n")]);

        var error = Assert.Throws<InputException>(() => InputText.Read(path, "a.yaml"));

        Assert.Equal("a.yaml:2:10: byte 0xE9 at offset 19 is not UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)", error.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_without_reading_it_all()
    {
        var path = _directory.Combine("big.yaml");
        using (var file = File.Create(path)) file.SetLength(10L * 1024 * 1024 * 1024); // 10 GiB, sparse

        var error = Assert.Throws<InputException>(() => InputText.Read(path, "big.yaml"));

        Assert.StartsWith("big.yaml:1:1: the file is larger than the limit of 1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }
}
