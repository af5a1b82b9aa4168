using CamBuild.Python.Versions;
using System.Text.Json;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>A venv of Debian's /usr/bin/python3 (with its bundled pip), created once for the pip test collection.</summary>
public sealed class PipEnvironment : IAsyncLifetime
{
    private static readonly TimeSpan PipTimeout = TimeSpan.FromSeconds(180);
    private readonly TempDirectory _directory = new("cambuild-pkgindex-venv-");

    public string Python => Path.Combine(_directory.Path, "venv", "bin", "python");

    public string WorkDirectory => _directory.Path;

    public async Task InitializeAsync()
    {
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", ["-m", "venv", Path.Combine(_directory.Path, "venv")], TimeSpan.FromSeconds(180));
        if (result.ExitCode != 0)
            throw new InvalidOperationException("python3 -m venv failed:\n" + result.Combined);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary><c>pip --isolated --no-input --no-cache-dir</c> with the given arguments.</summary>
    internal Task<ProcessResult> PipAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Python, ["-m", "pip", "--isolated", "--no-input", "--no-cache-dir", "--disable-pip-version-check", .. arguments], PipTimeout);

    /// <summary>Runs <c>pip install --dry-run --ignore-installed --report</c> and returns name → (version, sha256 of the chosen file).</summary>
    internal async Task<(ProcessResult Result, Dictionary<string, (string Version, string Sha256)> Installs)> DryRunAsync(Uri indexUrl, params string[] requirements)
    {
        var report = Path.Combine(_directory.Path, $"report-{Guid.NewGuid():N}.json");
        var result = await PipAsync(["install", "--dry-run", "--ignore-installed", "--report", report, "--index-url", indexUrl.ToString(), .. requirements]);
        var installs = new Dictionary<string, (string, string)>();
        if (result.ExitCode == 0)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            foreach (var item in document.RootElement.GetProperty("install").EnumerateArray())
            {
                var metadata = item.GetProperty("metadata");
                var hash = item.GetProperty("download_info").GetProperty("archive_info").GetProperty("hash").GetString()!;
                installs[PackageName.Normalize(metadata.GetProperty("name").GetString()!)] =
                    (metadata.GetProperty("version").GetString()!, hash.Replace("sha256=", "", StringComparison.Ordinal));
            }
        }
        return (result, installs);
    }
}

[CollectionDefinition(Name)]
public sealed class PipCollection : ICollectionFixture<PipEnvironment>
{
    public const string Name = "real pip";
}
