using System.Diagnostics;
using CamBuild.Images.Baking;
using CamBuild.Images.Os;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Tests.Benchmarks;

/// <summary>Wall-clock figures of the BakeCandidate benchmark, in seconds.</summary>
public sealed record BakeBenchmarkResult(double PlainMmdebstrap, double ColdBake, double WarmBakeAfterLeafChange,
    IReadOnlyList<StageOutcome> ColdStages, IReadOnlyList<StageOutcome> WarmStages)
{
    public double ColdRatio => ColdBake / PlainMmdebstrap;

    public override string ToString() =>
        $"plain mmdebstrap {PlainMmdebstrap:F1} s; cold bake {ColdBake:F1} s ({ColdRatio:F2}x, goal <= 1.3x); " +
        $"warm bake after one leaf change {WarmBakeAfterLeafChange:F1} s (goal <= 15 s)";
}

/// <summary>
/// Plain mmdebstrap of the OS package set (online, its default zstd) against a cold bake (empty caches, debs
/// fetched from the mirror) and a warm bake where only one environment changed.
/// </summary>
public static class BakeBenchmark
{
    public static async Task<BakeBenchmarkResult> RunAsync(BakeSpec spec, BakeSpec specWithOneLeafChanged, string workDir,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(workDir);
        var plainDir = Directory.CreateTempSubdirectory("cambuild-bench-plain-").FullName;
        var cache = Path.Combine(workDir, $"cache-{Guid.NewGuid():N}");
        var store = Path.Combine(workDir, $"store-{Guid.NewGuid():N}");
        try
        {
            var args = new List<string> { $"--variant={spec.OsLock.Variant}", $"--architectures={spec.OsLock.Architecture}" };
            if (spec.OsLock.Include.Count > 0) args.Add("--include=" + string.Join(',', spec.OsLock.Include));
            args.AddRange([spec.OsLock.Suite, Path.Combine(plainDir, "plain.tar.zst")]);
            args.AddRange(spec.OsLock.Sources.Select(s => $"deb {s.Uri} {s.Suite} {string.Join(' ', s.Components)}"));
            var watch = Stopwatch.StartNew();
            await ToolRunner.RunAsync("mmdebstrap", args, new ToolRun { Progress = progress }, cancellationToken).ConfigureAwait(false);
            var plain = watch.Elapsed.TotalSeconds;
            progress?.Invoke($"benchmark: plain mmdebstrap {plain:F1} s");

            var options = new BakeOptions(cache, store, Progress: progress);
            var cold = await CandidateBaker.BakeAsync(spec, options, cancellationToken).ConfigureAwait(false);
            progress?.Invoke($"benchmark: cold bake {cold.Seconds:F1} s");
            var warm = await CandidateBaker.BakeAsync(specWithOneLeafChanged, options, cancellationToken).ConfigureAwait(false);
            progress?.Invoke($"benchmark: warm bake {warm.Seconds:F1} s");
            return new BakeBenchmarkResult(plain, cold.Seconds, warm.Seconds, cold.Stages, warm.Stages);
        }
        finally
        {
            AtomicFile.DeleteTree(plainDir);
            AtomicFile.DeleteTree(cache);
            AtomicFile.DeleteTree(store);
        }
    }
}
