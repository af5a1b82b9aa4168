using CamBuild.Python.Versions;
using System.Text.Json;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>A new venv of <see cref="TargetInterpreter.Python"/> for one test; pip runs as <c>venv/bin/pip</c>, as on a deployed node.</summary>
internal sealed class FreshVenv : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly string[] QuietPip = ["--isolated", "--no-input", "--no-cache-dir", "--disable-pip-version-check"];
    private readonly TempDirectory _directory;

    private FreshVenv(TempDirectory directory) => _directory = directory;

    public string Root => _directory.Combine("venv");

    public static async Task<FreshVenv> CreateAsync()
    {
        var directory = new TempDirectory("cambuild-lock-venv-");
        var result = await ProcessRunner.RunAsync(TargetInterpreter.Python, ["-m", "venv", directory.Combine("venv")], Limit);
        if (result.ExitCode == 0)
            return new FreshVenv(directory);
        directory.Dispose();
        throw new InvalidOperationException($"{TargetInterpreter.Python} -m venv failed:\n" + result.Combined);
    }

    /// <summary>The deployment's install: hashes required, no resolution, no index, only the downloaded wheels.</summary>
    public Task<ProcessResult> InstallLockAsync(string lockPath, string wheelDirectory) =>
        PipAsync("install", "--require-hashes", "--no-deps", "--no-index", "--find-links", wheelDirectory, "-r", lockPath);

    public Task<ProcessResult> CheckAsync() => PipAsync("check");

    public Task<ProcessResult> PipAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(Root, "bin", "pip"), [.. arguments, .. QuietPip], Limit);

    public Task<ProcessResult> PythonAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(Root, "bin", "python"), arguments, Limit);

    /// <summary>Normalized name → version of every distribution in the venv, from <c>pip list</c>.</summary>
    public async Task<Dictionary<string, string>> InstalledAsync()
    {
        var result = await PipAsync("list", "--format", "json");
        if (result.ExitCode != 0)
            throw new InvalidOperationException("pip list failed:\n" + result.Combined);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.EnumerateArray().ToDictionary(
            d => PackageName.Normalize(d.GetProperty("name").GetString()!), d => d.GetProperty("version").GetString()!);
    }

    public void Dispose() => _directory.Dispose();
}
