using System.Diagnostics;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Tests;

/// <summary>Runs the probe with the real interpreters on this machine (Debian 3.11.2 and pyenv 3.11.7).</summary>
public sealed class MarkerEnvironmentTests
{
    [Fact]
    public async Task ProbeOfTwoRealInterpretersGivesTheirOwnVersions()
    {
        var debian = MarkerEnvironment.FromJson(await RunProbeAsync("/usr/bin/python3"), "/usr/bin/python3 probe");
        Assert.Equal("3.11.2", debian.PythonFullVersion);
        Assert.Equal("3.11", debian.PythonVersion);
        Assert.Equal("linux", debian.SysPlatform);
        Assert.Equal("cpython", debian.ImplementationName);
        Assert.Equal("CPython", debian.PlatformPythonImplementation);

        var pyenvPython = FindOnPath("python3");
        Assert.NotNull(pyenvPython);
        var pyenv = MarkerEnvironment.FromJson(await RunProbeAsync(pyenvPython!), "pyenv probe");
        Assert.NotEqual(debian.PythonFullVersion, pyenv.PythonFullVersion);
        Assert.False(MarkerParser.Parse("python_full_version <= \"3.11.2\"").Evaluate(pyenv));
        Assert.True(MarkerParser.Parse("python_full_version <= \"3.11.2\"").Evaluate(debian));
    }

    [Fact]
    public void RejectsIncompleteProbeOutputNamingTheVariable()
    {
        var error = Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("{\"python_version\": \"3.11\"}", "node1 probe"));
        Assert.Contains("node1 probe", error.Message, StringComparison.Ordinal);
        Assert.Contains("'implementation_name' is missing", error.Message, StringComparison.Ordinal);
        Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("not json", "x"));
        Assert.Throws<PythonPackagingException>(() => MarkerEnvironment.FromJson("[1]", "x"));
    }

    [Fact]
    public void ForCPythonOnLinuxDerivesShortVersion()
    {
        var environment = MarkerEnvironment.ForCPythonOnLinux("3.8.18");
        Assert.Equal("3.8", environment.PythonVersion);
        Assert.Equal("CPython 3.8.18 linux x86_64", environment.Describe());
        Assert.True(MarkerParser.Parse(environment.ToMarker()).Evaluate(environment));
        Assert.False(MarkerParser.Parse(environment.ToMarker()).Evaluate(MarkerEnvironment.ForCPythonOnLinux("3.8.17")));
    }

    private static async Task<string> RunProbeAsync(string python)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(MarkerEnvironment.ProbeScript);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(timeout.Token));
        return output;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(p => File.Exists(p) && !p.StartsWith("/usr/bin", StringComparison.Ordinal));
}
