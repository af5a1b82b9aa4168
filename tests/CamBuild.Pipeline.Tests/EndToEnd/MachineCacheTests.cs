using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CamBuild.Pipeline.Tests.EndToEnd;

/// <summary>
/// The machine cache through the real build: two throw-away clones bake at the same time against one fresh cache
/// directory (its own, so nothing here touches /var/cache/cambuild or another test run): one mmdebstrap run in all, the
/// other clone waits for it and takes every stage from the cache. Then Gc and Clean on that cache.
/// </summary>
[Trait("Category", "integration")]
public sealed partial class MachineCacheTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BakeTimeout = TimeSpan.FromMinutes(40);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Two_clones_share_one_machine_cache_with_one_mmdebstrap_and_Gc_keeps_what_candidates_need()
    {
        using var cacheParent = new TempDirectory("cambuild-machine-cache-", "/var/tmp");
        var cache = cacheParent.Combine("cache");
        // Like fresh clones: no OS lock yet.
        using var first = new PipelineRootCopy(copyOsLock: false);
        using var second = new PipelineRootCopy(copyOsLock: false);

        // Both clones' first PrepareBase at once: exactly one of them runs mmdebstrap (resolving the OS lock online and
        // building the base, in one pass); the other waits for it and runs no mmdebstrap at all.
        var prepared = await Task.WhenAll(Run(first, cache, BakeTimeout, "PrepareBase"), Run(second, cache, BakeTimeout, "PrepareBase"));
        foreach (var run in prepared) Assert.True(run.ExitCode == 0, run.ToString());
        var all = prepared[0].Output + "\n" + prepared[1].Output;
        Assert.Single(MmdebstrapRun().Matches(all));
        Assert.Single(OnlineResolution().Matches(all));
        var builder = Assert.Single(prepared, b => MmdebstrapRun().IsMatch(b.Output));
        Assert.Matches(OnlineResolution(), builder.Output);
        // The log lines of PrepareBase's mmdebstrap run and its base (only `mmdebstrap --version` runs besides).
        var reuser = Assert.Single(prepared, b => !MmdebstrapRun().IsMatch(b.Output) && !OnlineResolution().IsMatch(b.Output));
        Assert.Matches(BaseCacheHit(), reuser.Output);
        Assert.Matches(@"OS lock [0-9a-f]{12}: machine cache hit", reuser.Output);

        // Then one clone bakes, and the other's first bake takes every stage from the cache. The same index port in both:
        // the locks record the index URL (as two clones of a team with the default port or one external index would).
        var port = BuildScript.FreePort().ToString(CultureInfo.InvariantCulture);
        var bakeFirst = await Run(first, cache, BakeTimeout, "BakeCandidate", "--embedded-index-port", port);
        Assert.True(bakeFirst.ExitCode == 0, bakeFirst.ToString());
        var bakeSecond = await Run(second, cache, BakeTimeout, "BakeCandidate", "--embedded-index-port", port);
        Assert.True(bakeSecond.ExitCode == 0, bakeSecond.ToString());
        Assert.DoesNotMatch(MmdebstrapRun(), bakeSecond.Output);
        foreach (var stage in new[] { "base", "python", "config", "pack", "compress" })
            Assert.Matches($@"(?m)^\s*stage {stage}\s+cached\b", bakeSecond.Output);
        Assert.Equal(CandidateId(first), CandidateId(second));
        Assert.True(Directory.Exists(Path.Combine(cache, "images", "base")), "the bake did not use the given machine cache");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(cache, "clones")).Length);

        // Gc with limit 0 keeps everything the stored candidates and locks need; it removes an entry nobody needs and
        // what a killed build left behind.
        var stale = Path.Combine(cache, "images", "stages", "python", new string('0', 64));
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "layer.bin"), new string('x', 4096));
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-30));
        var leftover = Path.Combine(cache, "images", "base", ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(leftover);
        var before = Entries(cache).Where(e => e != Relative(cache, stale)).ToList();

        var gc = await Run(second, cache, ShortTimeout, "Gc", "--machine-cache-limit", "0");

        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.False(Directory.Exists(stale), gc.ToString());
        Assert.False(Directory.Exists(leftover), gc.ToString());
        Assert.Equal(before, Entries(cache));
        Assert.Contains("removed 1 least recently used", gc.Output, StringComparison.Ordinal);

        // Without candidates the base and stages go; the debs and wheels that the remaining clone's locks name stay.
        first.Dispose();
        Directory.Delete(Path.Combine(second.Artifacts, "candidates"), recursive: true);
        var collected = await Run(second, cache, ShortTimeout, "Gc", "--machine-cache-limit", "0");

        Assert.True(collected.ExitCode == 0, collected.ToString());
        Assert.Empty(Directory.GetDirectories(Path.Combine(cache, "images", "base")));
        Assert.All(Directory.GetDirectories(Path.Combine(cache, "images", "stages")), s => Assert.Empty(Directory.GetDirectories(s)));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(cache, "images", "debs"), "*.deb"));
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(cache, "wheels", "by-sha256")));
        Assert.Single(Directory.GetFiles(Path.Combine(cache, "clones")));

        // Clean leaves the machine cache alone unless asked.
        var clean = await Run(second, cache, ShortTimeout, "Clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(cache, "images", "debs"), "*.deb"));
        var cleanAll = await Run(second, cache, ShortTimeout, "Clean", "--clean-machine-cache");
        Assert.True(cleanAll.ExitCode == 0, cleanAll.ToString());
        Assert.False(Directory.Exists(Path.Combine(cache, "images")), cleanAll.ToString());
    }

    private async Task<BuildRun> Run(PipelineRootCopy root, string cache, TimeSpan timeout, string target, params string[] extra)
    {
        var port = extra.Contains("--embedded-index-port") ? [] : new[] { "--embedded-index-port", BuildScript.FreePort().ToString(CultureInfo.InvariantCulture) };
        var run = await BuildScript.RunAsync(timeout, [target, .. extra, "--root", root.Path, "--no-logo", .. port, "--machine-cache-dir", cache]);
        output.WriteLine($"./build.sh {target} {string.Join(' ', extra)} in {root.Path}: {run}");
        return run;
    }

    private static string CandidateId(PipelineRootCopy root)
    {
        using var pointer = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.Artifacts, "candidate.json")));
        return pointer.RootElement.GetProperty("id").GetString()!;
    }

    private static string Relative(string cache, string path) => Path.GetRelativePath(cache, path).Replace('\\', '/');

    /// <summary>Every entry of the cache's kinds (one level below each kind folder, stages one more), sorted.</summary>
    private static List<string> Entries(string cache)
    {
        var found = new List<string>();
        foreach (var kind in new[] { "images/base", "images/debs", "images/inputs", "images/interpreter", "images/os-locks", "wheels/by-sha256" })
        {
            var dir = Path.Combine(cache, kind);
            if (Directory.Exists(dir)) found.AddRange(Directory.EnumerateFileSystemEntries(dir).Select(e => Relative(cache, e)));
        }
        foreach (var stage in Directory.GetDirectories(Path.Combine(cache, "images", "stages")))
            found.AddRange(Directory.EnumerateFileSystemEntries(stage).Select(e => Relative(cache, e)));
        return found.Where(e => !Path.GetFileName(e).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The base built: in the one online pass that made its lock, or offline from the lock (the mirror moved meanwhile).</summary>
    [GeneratedRegex(@"(?m)base [0-9a-f]{12}: (?:mmdebstrap of \d+ locked packages|built in the same mmdebstrap pass as its lock)")]
    private static partial Regex MmdebstrapRun();

    [GeneratedRegex(@"(?m)resolving \d+ packages for \S+ (?:and building the base )?with mmdebstrap \(online")]
    private static partial Regex OnlineResolution();

    [GeneratedRegex(@"(?m)base [0-9a-f]{12}: cache hit")]
    private static partial Regex BaseCacheHit();
}
