using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

public sealed class SuiteLoaderTests : IDisposable
{
    private readonly TempDirectory root = new();

    public SuiteLoaderTests()
    {
        root.Write("tests/run.py", "print('hello')\n");
        root.Write("tests/helper.py", "X = 1\n");
    }

    public void Dispose() => root.Dispose();

    private SuiteSet Parse(string yaml) => SuiteLoader.Parse(yaml, "config/qualification/suites.yaml", root.Path);

    [Fact]
    public void ShippedSuitesLoadAgainstTheSamples()
    {
        var set = SuiteLoader.Load(Path.Combine(RepositoryRoot.Path, SuiteLoader.DefaultPath), RepositoryRoot.Path);

        Assert.Equal("config/qualification/suites.yaml", set.SourceFile);
        Assert.Equal(["node-health", "system", "recovery"], set.Suites.Select(suite => suite.Name));
        var health = set.Suites[0];
        Assert.Equal(SuiteKind.Integration, health.Kind);
        Assert.Equal(new SuitePlacement(false, "*", true), health.RunsOn);
        Assert.Equal(TimeSpan.FromMinutes(2), health.Timeout);
        Assert.Contains("{node}", health.Command);
        var system = set.Suites[1];
        Assert.Equal(SuiteKind.Acceptance, system.Kind);
        Assert.Equal(new SuitePlacement(false, "portal", false), system.RunsOn);
        Assert.Equal(["--suite", "system"], system.Command.Skip(system.Command.Count - 2));
        Assert.Contains(set.Files, file => file.RelativePath == "samples/acceptance/run.py");
        Assert.Contains(set.Files, file => file.RelativePath == "samples/acceptance/camtest.py");
        Assert.Matches("^[0-9a-f]{64}$", set.Hash);
    }

    [Fact]
    public void EveryProblemIsReportedOnceWithPositionAndFix()
    {
        const string yaml = """
            format: 2
            suites:
              - name: health
                kind: smoke
                runs_on: role:portal
                command: ["{python}", "{root}/tests/run.py", "--junit", "{junit}", "{sit}"]
                timeout: 90
                junit: ../out.xml
                files: [tests/*.py, nothing/**]
              - name: health
                kind: integration
                runs_on: host
                for_each_node: true
                command: [run, "{node}"]
                timeout: 1m
                junit: health.xml
              - name: Bad_Name
                kind: acceptance
                runs_on: portal
                command: run
                timout: 5m
                junit: a.xml
            """;

        var error = Assert.Throws<SuiteConfigurationException>(() => Parse(yaml));

        Snapshot.Match("loader-errors.txt", error.Message + "\n");
        Assert.Equal(12, error.Problems.Count);
    }

    [Fact]
    public void DuplicateNamesPointAtTheFirstUse()
    {
        const string yaml = """
            suites:
              - {name: a, kind: integration, runs_on: host, command: [x], timeout: 5s, junit: a.xml}
              - {name: a, kind: integration, runs_on: host, command: [y], timeout: 5s, junit: b.xml}
            """;

        var error = Assert.Throws<SuiteConfigurationException>(() => Parse(yaml));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(3, problem.Location.Line);
        Assert.Contains("suite name 'a' is already used at config/qualification/suites.yaml:2:5", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorsNameTheLine()
    {
        var error = Assert.Throws<SuiteConfigurationException>(() => Parse("suites:\n  - name: a\n   kind: [x\n"));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("config/qualification/suites.yaml:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Location.Line, 2, 4);
    }

    [Fact]
    public void EmptyFileAndMissingSuitesAreExplained()
    {
        Assert.Contains("the file is empty", Assert.Throws<SuiteConfigurationException>(() => Parse("")).Message, StringComparison.Ordinal);
        Assert.Contains("missing 'suites'", Assert.Throws<SuiteConfigurationException>(() => Parse("format: 1\n")).Message, StringComparison.Ordinal);
        Assert.Contains("non-empty list", Assert.Throws<SuiteConfigurationException>(() => Parse("suites: []\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldsAreEachNamed()
    {
        var error = Assert.Throws<SuiteConfigurationException>(() => Parse("suites:\n  - name: a\n"));

        Assert.Equal(
            ["kind", "runs_on", "command", "timeout", "junit"],
            error.Problems.Select(problem => problem.Message.Split('\'')[3]));
        Assert.All(error.Problems, problem => Assert.Equal(2, problem.Location.Line));
    }

    [Fact]
    public void MissingFileIsAConfigurationError()
    {
        var error = Assert.Throws<SuiteConfigurationException>(() =>
            SuiteLoader.Load(Path.Combine(root.Path, "config/qualification/suites.yaml"), root.Path));

        Assert.StartsWith("config/qualification/suites.yaml: no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostSuiteWithFilesAndEveryPlaceholderLoads()
    {
        var set = Parse("""
            suites:
              - name: from-host
                kind: acceptance
                runs_on: host
                command: ["{python}", "{root}/tests/run.py", "--site", "{site}", "--junit", "{junit}", "--expect-versions", "{versions}"]
                timeout: 1h
                junit: out/acceptance.xml
                files: [tests]
            """);

        var suite = Assert.Single(set.Suites);
        Assert.True(suite.RunsOn.OnHost);
        Assert.Equal("out/acceptance.xml", suite.JUnit);
        Assert.Equal(["tests/helper.py", "tests/run.py"], set.Files.Select(file => file.RelativePath));
        Assert.Equal(set.Files, set.FilesOf(suite));
    }
}
