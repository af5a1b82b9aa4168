using System.Diagnostics;
using CamBuild.Targets;
using CamBuild.Targets.Caching;

namespace CamBuild.Benchmarks;

/// <summary>
/// The engine's decision for an unchanged Pin: key over its inputs (top-level set, constraints, marker environment,
/// every file of the index) and ResolveLeaves' output, then the hit check that re-hashes the recorded lock files.
/// Each timed check uses a fresh <see cref="FileHasher"/> loaded from disk, as a new build process would.
/// </summary>
public static class CacheCheckCommand
{
    public static int Run(string workDir, string locksDir, string indexDir, int iterations, IReadOnlyList<string> requirements)
    {
        var root = Path.GetFullPath(workDir);
        CopyTree(indexDir, Path.Combine(root, "index"));
        CopyTree(locksDir, Path.Combine(root, "artifacts", "locks"));
        Directory.CreateDirectory(Path.Combine(root, "config"));
        File.WriteAllText(Path.Combine(root, "config", "constraints.txt"), "");
        File.WriteAllText(Path.Combine(root, "artifacts", "leaves.json"), string.Join('\n', requirements) + "\n");

        var resolveLeaves = new TargetSpec("ResolveLeaves") { Cache = new CacheDeclaration(["index/**"], [], ["artifacts/leaves.json"]) };
        var pin = new TargetSpec("Pin")
        {
            DependsOn = ["ResolveLeaves"],
            Cache = new CacheDeclaration(["config/constraints.txt", "index/**"], [("relock-os", () => "False")], ["artifacts/locks/**"]),
        };
        var state = Path.Combine(root, ".nuke", "temp", "cache", "file-hashes.txt");
        var records = Path.Combine(root, ".nuke", "temp", "cache", "targets");
        TargetCache NewCache() => new(root, records, new FileHasher(state));

        var first = NewCache();
        first.Record(pin, first.ComputeKey(pin, [resolveLeaves]));

        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var cache = NewCache();
            var hit = cache.IsHit(pin, cache.ComputeKey(pin, [resolveLeaves]));
            times.Add(clock.Elapsed.TotalSeconds);
            if (!hit) throw new InvalidOperationException("the unchanged Pin was not a cache hit");
        }

        File.WriteAllText(Path.Combine(root, "config", "constraints.txt"), "numpy<2\n");
        var changed = NewCache();
        if (changed.IsHit(pin, changed.ComputeKey(pin, [resolveLeaves])))
            throw new InvalidOperationException("a changed constraint still hit the cache");

        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length;
        var sorted = times.Order().ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"cached Pin check over {files} files: first {times[0] * 1000:0.00} ms, median {sorted[sorted.Count / 2] * 1000:0.00} ms, max {sorted[^1] * 1000:0.00} ms ({iterations} checks; a changed constraint misses)"));
        Console.WriteLine(FormattableString.Invariant($"CACHED_FIRST_S={times[0]:0.000000} CACHED_MEDIAN_S={sorted[sorted.Count / 2]:0.000000} CACHED_MAX_S={sorted[^1]:0.000000}"));
        return 0;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
