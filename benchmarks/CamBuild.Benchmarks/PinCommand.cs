using System.Diagnostics;
using CamBuild.PackageIndex.Client;
using CamBuild.Python.IO;
using CamBuild.Python.Locks;
using CamBuild.Python.Markers;
using CamBuild.Python.Resolution;

namespace CamBuild.Benchmarks;

/// <summary>
/// What Pin does for one environment, from nothing: probe the interpreter's marker environment, resolve the
/// requirements against the index over HTTP, write requirements.txt (hashes) and pylock.toml.
/// </summary>
public static class PinCommand
{
    public static async Task<int> RunAsync(Uri indexUrl, string python, string outDir, IReadOnlyList<string> requirements)
    {
        var environment = MarkerEnvironment.FromJson(await ProbeAsync(python).ConfigureAwait(false), $"{python} probe");
        using var source = new HttpPackageSource(indexUrl);
        var resolver = new DependencyResolver(source, environment);
        var result = await resolver.ResolveAsync(ResolutionRequest.FromRequirements(requirements), CancellationToken.None).ConfigureAwait(false);
        Directory.CreateDirectory(outDir);
        await AtomicFile.WriteAllTextAsync(Path.Combine(outDir, "requirements.txt"), RequirementsLockWriter.Write(result, "benchmarks/pin.sh"), CancellationToken.None).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(outDir, "pylock.toml"), PylockWriter.Write(result), CancellationToken.None).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(outDir, "pins.txt"),
            string.Concat(result.Packages.Select(p => $"{p.Name}=={p.Version}\n")), CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"{result.Packages.Count} packages pinned for {environment.Describe()} ({resolver.Attempts} candidates tried)");
        return 0;
    }

    private static async Task<string> ProbeAsync(string python)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-I", "-c", MarkerEnvironment.ProbeScript]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} marker probe failed (exit {process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        return await stdout.ConfigureAwait(false);
    }
}
