using CamBuild.Deploy.Model;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

/// <summary>A repository root with a real Python suite script whose behaviour its first argument picks.</summary>
internal sealed class SuiteFixture : IDisposable
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys, time
        mode, junit = sys.argv[1], sys.argv[2]
        extra = sys.argv[3] if len(sys.argv) > 3 else ""
        print("starting", mode, flush=True)
        print("to stderr", mode, file=sys.stderr, flush=True)
        if mode == "sleep":
            time.sleep(60)
        if mode == "pause":
            time.sleep(1.5)
        if mode == "nojunit":
            print("crashed before writing junit")
            sys.exit(3)
        if mode == "garbage":
            open(junit, "w").write("this is not xml")
            sys.exit(1)
        names = ["test_one", "test_two"]
        if mode == "versions":
            names = ["test_" + name for name in sorted(json.load(open(extra)))]
        if mode == "node":
            names = ["test_on_" + extra]
        failing = "test_two" if mode == "fail" else None
        cases = "".join(
            f'<testcase classname="fake.Suite" name="{n}" time="0.01">'
            + (f'<failure message="AssertionError: {n} broke">Traceback\nAssertionError: {n} broke</failure>' if n == failing else "")
            + "</testcase>" for n in names)
        open(junit, "w").write(f'<?xml version="1.0"?><testsuites><testsuite name="fake">{cases}</testsuite></testsuites>')
        sys.exit(1 if failing else (2 if mode == "exit2" else 0))
        """;

    public TempDirectory Root { get; } = new();

    public TempDirectory Output { get; } = new();

    public SuiteFixture()
    {
        Root.Write("suites/fake_suite.py", Script);
        Root.Write("suites/data/blob.bin", new string('x', 100));
        VersionsFile = Output.Write("versions.json", "{\"katcore\": \"1.0.0\", \"katproxy\": \"1.0.1\"}");
        SiteFile = Output.Write("site.json", "{}");
    }

    public string VersionsFile { get; }

    public string SiteFile { get; }

    public static EnvironmentSpec Environment { get; } = new("qual-test", "test-double", new NetworkSpec("br0", "10.9.0.0/24", "10.9.0.1"),
    [
        new NodeSpec("m000", ["antenna:m000"], "10.9.0.11/24", 1, 512, 4, null),
        new NodeSpec("m001", ["antenna:m001"], "10.9.0.12/24", 1, 512, 4, null),
        new NodeSpec("portal", ["portal", "monitor"], "10.9.0.30/24", 1, 512, 4, null),
    ], new Dictionary<string, string>());

    /// <summary>One suite running <c>fake_suite.py &lt;mode&gt; {junit} [extra]</c>.</summary>
    public SuiteSet Suite(string mode, string runsOn = "host", string timeout = "30s", string extra = "", bool forEach = false,
        string kind = "integration") =>
        SuiteLoader.Parse($$"""
            suites:
              - name: fake-{{mode}}
                kind: {{kind}}
                runs_on: {{runsOn}}
                for_each_node: {{(forEach ? "true" : "false")}}
                files: [suites/**]
                command: ["{python}", "{root}/suites/fake_suite.py", "{{mode}}", "{junit}"{{(extra.Length > 0 ? $", \"{extra}\"" : "")}}]
                timeout: {{timeout}}
                junit: reports/junit.xml
            """, "suites.yaml", Root.Path);

    public void Dispose()
    {
        Root.Dispose();
        Output.Dispose();
    }
}
