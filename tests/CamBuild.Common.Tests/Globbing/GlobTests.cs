namespace CamBuild.Common.Tests.Globbing;

public sealed class GlobTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cambuild-common-glob-");

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string relative)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative);
    }

    // Moved from CamBuild.Qualification.Tests (DurationAndGlobTests), unchanged in what they assert; the suites'
    // globs never select Python byte code.
    [Theory]
    [InlineData("samples/acceptance/**", "samples/acceptance/run.py", true)]
    [InlineData("samples/acceptance/**", "samples/acceptance/sub/x.py", true)]
    [InlineData("samples/**/run.py", "samples/run.py", true)]
    [InlineData("samples/*.py", "samples/acceptance/run.py", false)]
    [InlineData("samples/acceptance/test_?.py", "samples/acceptance/test_a.py", true)]
    [InlineData("samples/acceptance/**", "samples/acceptance/__pycache__/run.cpython-311.pyc", false)]
    [InlineData("samples/acceptance/**", "samples/acceptanceX/run.py", false)]
    [InlineData("./a/b.txt", "a/b.txt", true)]
    public void MatchesGlobs(string glob, string path, bool expected) => Assert.Equal(expected, Glob.IsMatch(glob, path, Glob.PythonByteCode));

    [Theory]
    [InlineData("../x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a/../../x", false)]
    [InlineData("a/b", true)]
    public void KeepsGlobsInsideTheRoot(string glob, bool contained) => Assert.Equal(contained, Glob.IsContained(glob));

    // Moved from CamBuild.Targets.Tests (CacheTests), unchanged in what it asserts.
    [Fact]
    public void Globs_match_across_directories()
    {
        Write("a/b/c.yaml");
        Write("a/d.yaml");
        Write("a/e.txt");
        Assert.Equal(["a/b/c.yaml", "a/d.yaml"], Glob.Expand(_root.FullName, "a/**/*.yaml"));
        Assert.Equal(["a/d.yaml"], Glob.Expand(_root.FullName, "a/*.yaml"));
        Assert.Empty(Glob.Expand(_root.FullName, "missing/**/*"));
    }

    [Fact]
    public void Question_mark_is_exactly_one_character_of_one_segment()
    {
        Write("t/test_a.py");
        Write("t/test_ab.py");
        Write("t/test_.py");
        Write("t/x/test_b.py");

        Assert.Equal(["t/test_a.py"], Glob.Expand(_root.FullName, "t/test_?.py"));
        Assert.Equal(["t/test_a.py", "t/x/test_b.py"], Glob.Expand(_root.FullName, "t/**/test_?.py"));
        Assert.False(Glob.IsMatch("t/test?a.py", "t/test/a.py"));
    }

    [Fact]
    public void One_directory_rule_a_plain_directory_is_everything_below_it_a_plain_file_is_itself()
    {
        Write("d/one.txt");
        Write("d/sub/two.txt");
        Write("d/.hidden");

        Assert.Equal(["d/.hidden", "d/one.txt", "d/sub/two.txt"], Glob.Expand(_root.FullName, "d"));
        Assert.Equal(["d/.hidden", "d/one.txt", "d/sub/two.txt"], Glob.Expand(_root.FullName, "./d/"));
        Assert.Equal(["d/one.txt"], Glob.Expand(_root.FullName, "d/one.txt"));
        Assert.Equal(["d/one.txt"], Glob.Expand(_root.FullName, Path.Combine(_root.FullName, "d", "one.txt")));
        Assert.Equal("d/**", Glob.Canonical(_root.FullName, "./d"));
        Assert.Equal("d/*.txt", Glob.Canonical(_root.FullName, "d/*.txt"));
    }

    [Fact]
    public void Exclusions_apply_to_expansion()
    {
        Write("p/run.py");
        Write("p/__pycache__/run.cpython-311.pyc");
        Write("p/old.pyc");

        Assert.Equal(["p/run.py"], Glob.Expand(_root.FullName, "p/**", Glob.PythonByteCode));
        Assert.Equal(3, Glob.Expand(_root.FullName, "p/**").Count);
    }
}
