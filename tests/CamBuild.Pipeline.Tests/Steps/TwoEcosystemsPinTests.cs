using CamBuild.Images.Os;
using CamBuild.PackageIndex.Fixtures;
using CamBuild.PackageIndex.Server;
using CamBuild.Pipeline.Index;
using CamBuild.Pipeline.Interpreter;
using CamBuild.Pipeline.Steps;
using CamBuild.Python.Locks;
using CamBuild.Targets;
using CamBuild.Targets.Output;
using Xunit.Abstractions;

namespace CamBuild.Pipeline.Tests.Steps;

/// <summary>
/// One candidate configuration on Debian 11 with two ecosystems, as the original system carried: the SARAO leaves that
/// still run on Python 2.7 (site-wide, python2.7) and the whole SARAO top level on the suite's python3 (a venv). Both
/// interpreters are Debian's, in a bullseye root filesystem made with mmdebstrap; PrepareBase's probe runs each inside
/// it, ResolveLeaves and Pin run as the pipeline runs them against a real index of the fixture universe, and each lock
/// is installed with --require-hashes by pip into its own interpreter and passes that interpreter's pip check.
/// </summary>
[Trait("Category", "integration")]
public sealed class TwoEcosystemsPinTests(ITestOutputHelper output)
{
    private const string BullseyeTar = "/var/tmp/cambuild-eco-bullseye-python27.tar";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private static readonly string[] SaraoTopLevel =
    [
        "aiokatcp", "katcp", "katcp-codec", "katdal", "katpoint", "katportalclient", "katsdpmodels",
        "katsdpservices", "katsdptelstate", "katversion", "scikits-fitting", "spead2",
    ];

    [Fact]
    public async Task Pin_resolves_each_environment_for_its_own_interpreter_and_each_lock_installs_into_it()
    {
        using var work = new TempDirectory("cambuild-eco-pin-");
        var index = work.Combine("index");
        FixtureWheels.WriteIndex(FixtureUniverse.Load(RepositoryRoot.Shared("fixtures/cam-universe.json")), index,
            new FixtureWheelOptions { UniversalWherePython2 = true });
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(index));

        var root = work.Combine("repo");
        var leaves = string.Concat(SaraoTopLevel.Select(l => $"  - name: {l}\n"));
        work.Write("repo/config/leaves.yaml", $"index: {server.SimpleUrl}\nleaves:\n{leaves}");
        work.Write("repo/config/constraints-py27.txt", "# Python 2.7 ecosystem: nothing newer than the last 2.7 releases\nfuture<1\n");
        work.Write("repo/config/candidate.yaml", $"""
            name: cam
            version: "1.0"
            debian: {"{"}suite: bullseye, architecture: amd64{"}"}
            os_packages: [python3]
            python_environments:
              - name: sarao
                path: /opt/sarao/venv
                leaves: [{string.Join(", ", SaraoTopLevel)}]
              - name: legacy
                interpreter: python2.7
                site_wide: true
                constraints: config/constraints-py27.txt
                leaves: [katcp, katversion]
            """);
        var paths = PipelinePaths.For(root, "artifacts");
        var candidate = CamBuild.Pipeline.Config.CandidateConfig.Load(root, CamBuild.Pipeline.Config.LeavesConfig.Load(root));
        Assert.Contains("python2.7", candidate.AllOsPackages);
        Assert.Contains("python-pip-whl", candidate.AllOsPackages);

        // PrepareBase's probe, run inside the bullseye root for each interpreter (never the host's).
        var rootfs = await FreshBullseyeAsync(work.Combine("rootfs"));
        var image = new BaseImageResult("bullseye-" + Path.GetFileName(work.Path), BullseyeTar, rootfs, 1700000000, true);
        foreach (var interpreter in candidate.Interpreters)
        {
            var json = await CandidateInterpreter.ProbeAsync(paths, image, interpreter, CancellationToken.None);
            Directory.CreateDirectory(Path.GetDirectoryName(paths.MarkerEnvironmentOf(interpreter))!);
            File.WriteAllText(paths.MarkerEnvironmentOf(interpreter), json);
        }

        var log = new TestLog(output);
        var access = new IndexAccess(null);
        await ResolveLeavesStep.RunAsync(paths, access, new TargetContext("ResolveLeaves", log, CancellationToken.None));
        await PinStep.RunAsync(paths, access, new TargetContext("Pin", log, CancellationToken.None));

        var legacy = RequirementsLockParser.Load(paths.RequirementsLock("legacy"), "legacy").ToDictionary(p => p.Name, p => p.Version.ToString());
        var sarao = RequirementsLockParser.Load(paths.RequirementsLock("sarao"), "sarao").ToDictionary(p => p.Name, p => p.Version.ToString());
        var legacyText = File.ReadAllText(paths.RequirementsLock("legacy"));
        output.WriteLine(legacyText);
        output.WriteLine(File.ReadAllText(paths.RequirementsLock("sarao")));

        // Markers: futures only where python_version < "3"; Requires-Python: future 1.0.0 is fine for both, the 2.7
        // environment's own constraints keep it at 0.18.x; aiokatcp and friends (>=3.x) never reach the 2.7 lock.
        Assert.Equal("3.4.0", legacy["futures"]);
        Assert.False(sarao.ContainsKey("futures"), "futures (python_version < \"3\") must not be pinned for python3");
        Assert.Equal("4.5.3", legacy["tornado"]);
        Assert.Equal("4.5.3", sarao["tornado"]);
        Assert.Equal("0.18.3", legacy["future"]);
        Assert.Equal("1.0.0", sarao["future"]);
        Assert.Equal(["future", "futures", "katcp", "katversion", "ply", "tornado"], legacy.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("aiokatcp", sarao.Keys);
        Assert.Contains("CPython 2.7.18", legacyText, StringComparison.Ordinal);
        Assert.Contains("CPython 3.9.", File.ReadAllText(paths.RequirementsLock("sarao")), StringComparison.Ordinal);
        Assert.Contains("python_full_version == \\\"2.7.18\\\"", File.ReadAllText(paths.Pylock("legacy")), StringComparison.Ordinal);
        Assert.Contains("requires-python = \"==2.7.*\"", File.ReadAllText(paths.Pylock("legacy")), StringComparison.Ordinal);

        // Each lock installs with hashes required into its own interpreter inside the root, and pip check passes there.
        await InstallAndCheckAsync(rootfs, index, paths.RequirementsLock("legacy"), "legacy",
            "/usr/bin/python2.7 $PIP install --require-hashes --no-deps --no-index --no-compile --find-links /w -r /w/requirements.txt",
            "/usr/bin/python2.7 $PIP check", "/usr/bin/python2.7 -c 'import katcp, futures, tornado; print(katcp.__file__)'", "/usr/local/lib/python2.7/dist-packages/katcp/");
        await InstallAndCheckAsync(rootfs, index, paths.RequirementsLock("sarao"), "sarao",
            "/usr/bin/python3 -m venv --without-pip /opt/sarao/venv && /opt/sarao/venv/bin/python $PIP install --require-hashes --no-deps --no-index --no-compile --find-links /w -r /w/requirements.txt",
            "/opt/sarao/venv/bin/python $PIP check", "/opt/sarao/venv/bin/python -c 'import aiokatcp, katcp; print(aiokatcp.__file__)'", "/opt/sarao/venv/lib/python3.9/site-packages/aiokatcp/");
    }

    private async Task InstallAndCheckAsync(string rootfs, string index, string lockPath, string name, string install, string check, string import, string installedAt)
    {
        var wheels = Path.Combine(rootfs, "w");
        if (Directory.Exists(wheels)) Directory.Delete(wheels, recursive: true);
        Directory.CreateDirectory(wheels);
        File.Copy(lockPath, Path.Combine(wheels, "requirements.txt"));
        foreach (var wheel in Directory.EnumerateFiles(index, "*.whl", SearchOption.AllDirectories))
            File.Copy(wheel, Path.Combine(wheels, Path.GetFileName(wheel)));
        foreach (var step in new[] { install, check, import })
        {
            var script = "set -e; PIP=$(ls /usr/share/python-wheels/pip-*.whl)/pip; " + step;
            var result = await TestProcess.RunAsync("chroot", [rootfs, "env", "-i", "PATH=/usr/bin:/bin", "HOME=/root", "LC_ALL=C.UTF-8",
                "PIP_DISABLE_PIP_VERSION_CHECK=1", "PIP_NO_CACHE_DIR=1", "/bin/sh", "-c", script], Limit);
            output.WriteLine($"[{name}] {step}\n{result.Combined}");
            Assert.True(result.ExitCode == 0, $"[{name}] {step} failed:\n{result.Combined}");
            if (step == check) Assert.Contains("No broken requirements found", result.StandardOutput, StringComparison.Ordinal);
            if (step == import) Assert.Contains(installedAt, result.StandardOutput, StringComparison.Ordinal);
        }
    }

    /// <summary>Debian 11 with python2.7, Debian's pip wheel (20.3.4, py2.py3) and python3-venv; the tar is made once and kept.</summary>
    private static async Task<string> FreshBullseyeAsync(string directory)
    {
        if (!File.Exists(BullseyeTar))
        {
            var temp = BullseyeTar + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var made = await TestProcess.RunAsync("mmdebstrap", ["--variant=minbase", "--include=python2.7,python-pip-whl,python3,python3-venv",
                "--quiet", "bullseye", temp, "deb http://deb.debian.org/debian bullseye main"], Limit);
            Assert.True(made.ExitCode == 0, made.Combined);
            File.Move(temp, BullseyeTar, overwrite: true);
        }

        Directory.CreateDirectory(directory);
        var extract = await TestProcess.RunAsync("tar", ["-C", directory, "-xf", BullseyeTar], Limit);
        Assert.True(extract.ExitCode == 0, extract.Combined);
        return directory;
    }

    private sealed class TestLog(ITestOutputHelper output) : IBuildLog
    {
        public void Section(string target, string? note) => output.WriteLine($"== {target} {note}");
        public void Debug(string message) { }
        public void Info(string message) => output.WriteLine(message);
        public void Warn(string message) => output.WriteLine("WARN " + message);
        public void Error(string message) => output.WriteLine("ERROR " + message);
        public void Progress(int done, int total, string message) { }
    }
}
