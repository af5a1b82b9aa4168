using CamBuild.Common;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

public sealed class SuitesHashTests : IDisposable
{
    private const string Yaml = """
        format: 1
        suites:
          - name: health
            kind: integration
            runs_on: role:antenna
            for_each_node: true
            files: [tests/**]
            command: ["{python}", "{root}/tests/run.py", "--node", "{node}", "--junit", "{junit}"]
            timeout: 90s
            junit: health.xml
          - name: system
            kind: acceptance
            runs_on: host
            command: [true]
            timeout: 5m
            junit: system.xml
        """;

    private readonly TempDirectory root = new();

    public SuitesHashTests()
    {
        root.Write("tests/run.py", "print('run')\n");
        root.Write("tests/deep/helper.py", "X = 1\n");
        root.Write("docs/readme.txt", "notes\n");
    }

    public void Dispose() => root.Dispose();

    private string Hash(string yaml, params string[] extra) => SuiteLoader.Parse(yaml, "suites.yaml", root.Path, extra).Hash;

    [Fact]
    public void SameInputsGiveTheSameHash()
    {
        Assert.Equal(Hash(Yaml), Hash(Yaml));
    }

    [Fact]
    public void FormattingCommentsKeyOrderAndSuiteOrderDoNotMatter()
    {
        const string reordered = """
            # the same suites, written differently
            suites:
              - {name: system, junit: system.xml, kind: acceptance, runs_on: host, command: ["true"], timeout: 300s}
              - junit: health.xml
                timeout: 1m30s
                name: health
                kind: integration
                for_each_node: true
                runs_on: "role:antenna"
                files:
                  - ./tests/**
                command:
                  - "{python}"
                  - "{root}/tests/run.py"
                  - --node
                  - "{node}"
                  - --junit
                  - "{junit}"
            """;

        Assert.Equal(Hash(Yaml), Hash(reordered));
    }

    [Theory]
    [InlineData("timeout: 90s", "timeout: 91s")]
    [InlineData("\"--node\"", "\"--nodes\"")]
    [InlineData("for_each_node: true", "for_each_node: false")]
    [InlineData("kind: acceptance", "kind: integration")]
    [InlineData("junit: system.xml", "junit: system2.xml")]
    [InlineData("role:antenna", "role:weather")]
    public void EveryFieldCounts(string from, string to)
    {
        var yaml = Yaml;
        var changed = yaml.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEqual(yaml, changed);
        Assert.NotEqual(Hash(yaml), Hash(changed));
    }

    [Fact]
    public void ChangingAReferencedFileChangesTheHash()
    {
        var before = Hash(Yaml);
        root.Write("tests/deep/helper.py", "X = 2\n");

        Assert.NotEqual(before, Hash(Yaml));
    }

    [Fact]
    public void AddingAReferencedFileChangesTheHash()
    {
        var before = Hash(Yaml);
        root.Write("tests/test_new.py", "pass\n");

        Assert.NotEqual(before, Hash(Yaml));
    }

    [Fact]
    public void UnreferencedFilesAndPythonByteCodeDoNotCount()
    {
        var before = Hash(Yaml);
        root.Write("docs/readme.txt", "changed\n");
        root.Write("tests/__pycache__/run.cpython-311.pyc", "bytecode");
        root.Write("tests/stale.pyc", "bytecode");

        Assert.Equal(before, Hash(Yaml));
    }

    [Fact]
    public void ExtraHashInputsCountAndMustExist()
    {
        var plain = Hash(Yaml);
        var withDocs = Hash(Yaml, "docs/**");
        Assert.NotEqual(plain, withDocs);

        root.Write("docs/readme.txt", "changed\n");
        Assert.NotEqual(withDocs, Hash(Yaml, "docs/**"));

        var error = Assert.Throws<InputException>(() => Hash(Yaml, "missing/**"));
        Assert.Contains("'missing/**' matches no file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalFormListsFilesWithTheirDigests()
    {
        var set = SuiteLoader.Parse(Yaml, "suites.yaml", root.Path);
        var canonical = SuitesHasher.Canonical(set.Suites, set.Files);

        Assert.StartsWith("{\"format\":1,\"suites\":[{\"name\":\"health\"", canonical, StringComparison.Ordinal);
        Assert.Contains("{\"path\":\"tests/deep/helper.py\",\"sha256\":\"", canonical, StringComparison.Ordinal);
        Assert.Equal(set.Hash, SuitesHasher.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }
}
