using CamBuild.Common;
using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Tests;

/// <summary>
/// A host suite sees only allow-listed variables, and a secret it gets hold of anyway (printed, written into its
/// JUnit) never reaches the files the runner writes.
/// </summary>
[Collection("process environment")]
public sealed class SuiteSecretTests : IDisposable
{
    private readonly TempDirectory output = new();

    public void Dispose() => output.Dispose();

    [Fact]
    public async Task HostSuiteGetsAnAllowListedEnvironmentWithoutSecrets()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        Secrets.Register(canary);
        Environment.SetEnvironmentVariable("CAMBUILD_TEST_CARRIER", canary);
        Environment.SetEnvironmentVariable("CAMBUILD_TEST_HARMLESS", "harmless");
        try
        {
            using var root = new TempDirectory();
            var set = Suites.SuiteLoader.Parse($$"""
                suites:
                  - name: envdump
                    kind: integration
                    runs_on: host
                    command: [/usr/bin/python3, -c, "import os,sys; [print(k, '=', v) for k, v in sorted(os.environ.items())]; print('secret', sys.argv[2]); open(sys.argv[1], 'w').write('<testsuites><testsuite name=\"s\"><testcase classname=\"c\" name=\"'+sys.argv[2]+'\"><failure message=\"'+sys.argv[2]+'\">'+sys.argv[2]+'</failure></testcase></testsuite></testsuites>')", "{junit}", {{canary}}]
                    timeout: 30s
                    junit: j.xml
                """, "suites.yaml", root.Path);
            var runner = new SuiteRunner(set, new SuiteRunOptions(output.Path));
            var run = await runner.RunAllAsync(SuitePlanner.Plan(set, SuiteFixture.Environment), CancellationToken.None);

            var log = File.ReadAllText(run.Suites.Single().LogPath);
            Assert.Contains("PATH =", log, StringComparison.Ordinal);
            Assert.Contains("PYTHONUNBUFFERED = 1", log, StringComparison.Ordinal);
            Assert.Contains("secret ****", log, StringComparison.Ordinal);
            Assert.DoesNotContain("CAMBUILD_TEST_HARMLESS", log, StringComparison.Ordinal);
            Assert.DoesNotContain("CAMBUILD_TEST_CARRIER", log, StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(canary, File.ReadAllText(file), StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAMBUILD_TEST_CARRIER", null);
            Environment.SetEnvironmentVariable("CAMBUILD_TEST_HARMLESS", null);
        }
    }

    [Fact]
    public void AllowedVariableHoldingASecretIsDropped()
    {
        var canary = "home-canary-" + Guid.NewGuid().ToString("N");
        Secrets.Register(canary);
        var built = SuiteEnvironment.Build(new System.Collections.Hashtable { ["PATH"] = "/usr/bin", ["HOME"] = "/x/" + canary, ["GITHUB_TOKEN"] = "t" });
        Assert.Equal("/usr/bin", built["PATH"]);
        Assert.False(built.ContainsKey("HOME"));
        Assert.False(built.ContainsKey("GITHUB_TOKEN"));
    }
}

[CollectionDefinition("process environment", DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
