using System.Diagnostics;
using System.Text.Json;
using CamBuild.Common.Caching;

namespace CamBuild.Images.Baking;

/// <summary>How one stage went: its key, whether the cache answered, and how long it took.</summary>
public sealed record StageOutcome(string Stage, string Key, bool CacheHit, double Seconds);

/// <summary>
/// Content-addressed stage outputs: <c>&lt;root&gt;/stages/&lt;stage&gt;/&lt;key&gt;/</c> with a <c>complete</c> marker and
/// <c>meta.json</c>. A stage is built in a temp directory and renamed into place, so a killed bake leaves nothing
/// that a later bake would take for a finished stage.
/// </summary>
internal sealed class StageCache(string root)
{
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(root, "stages")).FullName;

    public List<StageOutcome> Outcomes { get; } = [];

    public string DirectoryOf(string stage, string key) => Path.Combine(Root, stage, key);

    /// <summary>Returns the stage directory, building it with <paramref name="build"/> (given a temp dir) on a miss.</summary>
    public async Task<string> EnsureAsync<TMeta>(string stage, string key, Func<string, Task<TMeta>> build, Action<string>? progress)
    {
        var final = DirectoryOf(stage, key);
        var watch = Stopwatch.StartNew();
        if (Hit(stage, key, final, watch, progress)) return final;
        // Another clone sharing the machine cache may be building the same stage: wait for it, then take its result.
        using var entryLock = await MachineCache.LockEntryAsync(Path.GetDirectoryName(Root)!, $"stage-{stage}-{key}", CancellationToken.None).ConfigureAwait(false);
        if (Hit(stage, key, final, watch, progress)) return final;
        var temp = Path.Combine(Directory.CreateDirectory(Path.Combine(Root, stage)).FullName, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            progress?.Invoke($"{stage} {key[..12]}: building");
            var meta = await build(temp).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "meta.json"), JsonSerializer.Serialize(meta, Hashing.CanonicalJson)).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "complete"), key).ConfigureAwait(false);
            MachineCache.SealDirectory(temp);
            AtomicFile.PublishDirectory(temp, final);
        }
        finally
        {
            AtomicFile.DeleteTree(temp);
        }
        Outcomes.Add(new StageOutcome(stage, key, false, watch.Elapsed.TotalSeconds));
        progress?.Invoke($"{stage} {key[..12]}: built in {watch.Elapsed.TotalSeconds:F1} s");
        return final;
    }

    private bool Hit(string stage, string key, string final, Stopwatch watch, Action<string>? progress)
    {
        if (!MachineCache.UseSealedDirectory(final, $"{stage} {key[..12]}", progress)) return false;
        Outcomes.Add(new StageOutcome(stage, key, true, watch.Elapsed.TotalSeconds));
        progress?.Invoke($"{stage} {key[..12]}: cache hit");
        return true;
    }

    public static TMeta ReadMeta<TMeta>(string stageDir) =>
        JsonSerializer.Deserialize<TMeta>(File.ReadAllText(Path.Combine(stageDir, "meta.json")), Hashing.CanonicalJson)
        ?? throw new ImageBuildException($"stage cache '{stageDir}/meta.json' is empty; delete the directory to rebuild it.");
}
