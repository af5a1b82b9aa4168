using System.Diagnostics;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Tests;

/// <summary>
/// Runs the probe with two real interpreters of different versions: Debian's python3 on this machine and the python3
/// of a Debian 11 root filesystem the test makes itself with mmdebstrap (cached under /var/tmp between runs). Markers
/// evaluate for the interpreter probed, never for the one that runs the build.
/// </summary>
[Trait("Category", "integration")]
public sealed class MarkerProbeTests
{
    private const string BullseyeRoot = "/var/tmp/cambuild-test-bullseye-python3-stdlib";

    [Fact]
    public async Task Probe_of_two_real_interpreters_gives_their_own_versions()
    {
        var host = MarkerEnvironment.FromJson(await RunAsync("/usr/bin/python3", "-I", "-c", MarkerEnvironment.ProbeScript), "/usr/bin/python3 probe");
        var hostVersion = (await RunAsync("/usr/bin/python3", "-c", "import platform; print(platform.python_version())")).Trim();
        Assert.Equal(hostVersion, host.PythonFullVersion);
        Assert.Equal(string.Join('.', hostVersion.Split('.').Take(2)), host.PythonVersion);
        Assert.Equal("linux", host.SysPlatform);
        Assert.Equal("cpython", host.ImplementationName);
        Assert.Equal("CPython", host.PlatformPythonImplementation);

        await EnsureBullseyeAsync();
        var bullseye = MarkerEnvironment.FromJson(await RunAsync("chroot", BullseyeRoot, "/usr/bin/python3", "-I", "-c", MarkerEnvironment.ProbeScript), "bullseye probe");
        Assert.StartsWith("3.9.", bullseye.PythonFullVersion, StringComparison.Ordinal);
        Assert.Equal("3.9", bullseye.PythonVersion);
        Assert.NotEqual(host.PythonFullVersion, bullseye.PythonFullVersion);

        var marker = MarkerParser.Parse("python_version < \"3.10\"");
        Assert.True(marker.Evaluate(bullseye));
        Assert.False(marker.Evaluate(host));
    }

    /// <summary>A minimal Debian 11 with python3-minimal and its standard library, made once; a half-made one (no marker file) is made again.</summary>
    private static async Task EnsureBullseyeAsync()
    {
        var done = Path.Combine(BullseyeRoot, ".cambuild-complete");
        if (File.Exists(done)) return;
        if (Directory.Exists(BullseyeRoot)) Directory.Delete(BullseyeRoot, recursive: true);
        var work = BullseyeRoot + ".tmp";
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        await RunAsync("mmdebstrap", "--variant=essential", "--include=python3-minimal,libpython3.9-stdlib", "--quiet", "bullseye", work, "http://deb.debian.org/debian");
        await File.WriteAllTextAsync(Path.Combine(work, ".cambuild-complete"), "");
        Directory.Move(work, BullseyeRoot);
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args.Take(3))} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
