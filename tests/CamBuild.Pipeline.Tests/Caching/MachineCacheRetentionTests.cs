using CamBuild.Common.Caching;
using CamBuild.Images.Os;
using CamBuild.Images.Store;
using CamBuild.Pipeline.Caching;
using CamBuild.Pipeline.Tests.Supply;

namespace CamBuild.Pipeline.Tests.Caching;

/// <summary>What collection keeps: the entries a stored candidate's manifest and a clone's current locks name.</summary>
public sealed class MachineCacheRetentionTests : IDisposable
{
    private readonly TempDirectory _temp = new("cambuild-retention-");

    public void Dispose() => _temp.Dispose();

    private MachineCache Cache => new(_temp.Combine("cache"));

    private static CandidateManifest Manifest() => SbomSourcesTests.Manifest() with
    {
        Stages = [new ManifestStage("base", new string('e', 64)), new ManifestStage("python", new string('f', 64))],
    };

    private string Clone(string name, CandidateManifest? manifest = null, OsLock? osLock = null, string? requirements = null)
    {
        var artifacts = _temp.Combine(name, "artifacts");
        Directory.CreateDirectory(artifacts);
        if (manifest is not null) _temp.Write($"{name}/artifacts/candidates/{manifest.Id}/manifest.json", manifest.ToJson());
        if (osLock is not null) _temp.Write($"{name}/artifacts/locks/os-lock.json", osLock.ToJson());
        if (requirements is not null) _temp.Write($"{name}/artifacts/locks/cam/requirements.txt", requirements);
        return artifacts;
    }

    private static CacheEntry Entry(string id) => new(id, 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_stored_candidate_keeps_its_base_stages_debs_inputs_and_wheels()
    {
        var manifest = Manifest();
        var needed = MachineCacheCollector.Needed(Cache, [Clone("a", manifest)], [Entry($"images/interpreter/{new string('e', 64)}-123456789abc.json")]);

        Assert.Contains("images/base/" + new string('e', 64), needed);
        Assert.Contains("images/stages/python/" + new string('f', 64), needed);
        Assert.Contains($"images/debs/{new string('1', 64)}.deb", needed);
        Assert.Contains($"images/debs/{new string('2', 64)}.deb", needed);
        Assert.Contains("images/inputs/" + new string('3', 64), needed);
        Assert.Contains("images/inputs/4d969c4e21c154423f6c8df56100cb95f5692f1a6c0f0aaf753da5c20b3c2125", needed);
        Assert.Contains("wheels/by-sha256/3898f532190adb26d82145a5fdd2d0581c9977e8d87c3f03fbfdcf65cb7bf1b2", needed);
        Assert.Contains($"images/interpreter/{new string('e', 64)}-123456789abc.json", needed);
    }

    [Fact]
    public void A_clones_current_locks_keep_their_debs_and_wheels_and_nothing_else_is_needed()
    {
        var osLock = Manifest().Inputs.OsLock;
        var requirements = "katcore==1.0.0 \\\n    --hash=sha256:" + new string('9', 64) + "\n";

        var needed = MachineCacheCollector.Needed(Cache, [Clone("b", osLock: osLock, requirements: requirements), Clone("empty")],
            [Entry($"images/interpreter/{new string('e', 64)}-123456789abc.json")]);

        Assert.Equal(new[] { $"images/debs/{new string('1', 64)}.deb", $"images/debs/{new string('2', 64)}.deb", "wheels/by-sha256/" + new string('9', 64) }.Order(),
            needed.Order());
    }

    [Fact]
    public void A_cached_OS_lock_stays_while_a_clone_uses_the_same_lock()
    {
        var osLock = Manifest().Inputs.OsLock;
        var request = new OsLockRequest("bookworm", "amd64", ["libc6"], [new AptSource("http://deb.debian.org/debian", "bookworm", ["main"])]);
        OsLockCache.Remember(request, osLock, Cache.Images);
        var id = "images/os-locks/" + OsLockCache.KeyOf(request);
        var other = "images/os-locks/" + new string('7', 64);
        _temp.Write($"cache/{other}/sha256", new string('8', 64) + "\n");

        var needed = MachineCacheCollector.Needed(Cache, [Clone("c", osLock: osLock)], [Entry(id), Entry(other)]);

        Assert.Contains(id, needed);
        Assert.DoesNotContain(other, needed);
    }

    [Fact]
    public void A_test_candidate_without_recorded_inputs_needs_nothing_and_does_not_stop_collection()
    {
        var artifacts = Clone("d");
        _temp.Write("d/artifacts/candidates/x/manifest.json", """{ "format": "cambuild-candidate/1", "id": "x" }""");

        Assert.Empty(MachineCacheCollector.Needed(Cache, [artifacts], []));
    }

    [Fact]
    public void An_unreadable_manifest_stops_collection_naming_the_file()
    {
        var artifacts = Clone("e");
        var path = _temp.Write("e/artifacts/candidates/y/manifest.json", "{ not json");

        var error = Assert.ThrowsAny<Exception>(() => MachineCacheCollector.Needed(Cache, [artifacts], []));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh Gc", error.Message, StringComparison.Ordinal);
    }
}
