using CamBuild.Targets.Caching;
using CamBuild.Targets.Execution;
using static CamBuild.Targets.Tests.Support.Graphs;

namespace CamBuild.Targets.Tests;

public sealed class CacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-cache-").FullName;
    private readonly List<string> _ran = [];
    private string _channel = "dev";

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TargetSpec[] Targets() =>
    [
        T("Pin", t => t with
        {
            Cache = new CacheDeclaration(["config/*.yaml"], [("Channel", () => _channel)], ["out/lock.txt"]),
            Actions = [_ => { _ran.Add("Pin"); Write("out/lock.txt", "lock of " + File.ReadAllText(Path.Combine(_root, "config/leaves.yaml"))); return Task.CompletedTask; }],
        }),
        T("Bake", t => t with
        {
            DependsOn = ["Pin"],
            Cache = new CacheDeclaration(["recipe.txt"], [], ["out/candidate.tar"]),
            Actions = [_ => { _ran.Add("Bake"); Write("out/candidate.tar", "tar of " + File.ReadAllText(Path.Combine(_root, "out/lock.txt"))); return Task.CompletedTask; }],
        }),
    ];

    private BuildResult Bake(IReadOnlyList<string>? force = null)
    {
        var cache = new TargetCache(_root, Path.Combine(_root, ".nuke/temp/cache/targets"), new FileHasher(Path.Combine(_root, ".nuke/temp/cache/file-hashes.txt")));
        return Run(Targets(), ["Bake"], new ExecutorOptions(Cache: cache, Force: force));
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Arrange()
    {
        Write("config/leaves.yaml", "katcomp");
        Write("recipe.txt", "v1");
    }

    [Fact]
    public void Second_run_with_unchanged_inputs_is_cached_and_executes_nothing()
    {
        Arrange();
        Bake();
        _ran.Clear();
        var second = Bake();
        Assert.Empty(_ran);
        Assert.All(second.Targets, t => Assert.Equal(TargetStatus.Cached, t.Status));
    }

    [Fact]
    public void Changing_an_input_file_reruns_the_target_and_the_targets_that_read_its_outputs()
    {
        Arrange();
        Bake();
        _ran.Clear();
        Write("config/leaves.yaml", "katcomp katproxy");
        Bake();
        Assert.Equal(["Pin", "Bake"], _ran);
    }

    [Fact]
    public void An_unchanged_upstream_output_keeps_the_downstream_target_cached()
    {
        Arrange();
        Bake();
        _ran.Clear();
        Write("config/other.yaml", "not read by Pin's action");
        Bake();
        Assert.Equal(["Pin"], _ran);
    }

    [Fact]
    public void Changing_an_input_value_misses()
    {
        Arrange();
        Bake();
        _ran.Clear();
        _channel = "release";
        Bake();
        Assert.Contains("Pin", _ran);
    }

    [Fact]
    public void A_deleted_output_misses()
    {
        Arrange();
        Bake();
        _ran.Clear();
        File.Delete(Path.Combine(_root, "out/candidate.tar"));
        Bake();
        Assert.Equal(["Bake"], _ran);
    }

    [Fact]
    public void An_altered_output_misses()
    {
        Arrange();
        Bake();
        _ran.Clear();
        Write("out/candidate.tar", "tampered, and longer than before");
        Bake();
        Assert.Equal(["Bake"], _ran);
    }

    [Fact]
    public void Force_ignores_the_cache_for_all_or_named_targets()
    {
        Arrange();
        Bake();
        _ran.Clear();
        Bake(force: ["bake"]);
        Assert.Equal(["Bake"], _ran);
        _ran.Clear();
        Bake(force: []);
        Assert.Equal(["Pin", "Bake"], _ran);
    }

    [Fact]
    public void Switching_back_to_earlier_inputs_hits_the_earlier_record()
    {
        Arrange();
        Bake();
        Write("recipe.txt", "v2");
        Bake();
        Write("recipe.txt", "v1");
        Write("out/candidate.tar", "tar of lock of katcomp");
        _ran.Clear();
        Bake();
        Assert.Empty(_ran);
    }
}

public sealed class LookAheadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-lookahead-").FullName;
    private readonly List<string> _ran = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private BuildResult Qualify()
    {
        File.WriteAllText(Path.Combine(_root, "candidate.json"), "abc");
        var targets = new[]
        {
            T("Deploy", t => t with { Actions = [_ => { _ran.Add("Deploy"); return Task.CompletedTask; }] }),
            T("Qualify", t => t with
            {
                DependsOn = ["Deploy"],
                Cache = new CacheDeclaration(["candidate.json"], [], ["record.json"]),
                Actions = [_ => { _ran.Add("Qualify"); File.WriteAllText(Path.Combine(_root, "record.json"), "passed"); return Task.CompletedTask; }],
            }),
        };
        var cache = new TargetCache(_root, Path.Combine(_root, "cache"), new FileHasher(null));
        return Run(targets, ["Qualify"], new ExecutorOptions(Cache: cache));
    }

    [Fact]
    public void A_dependency_without_outputs_runs_even_when_its_dependent_is_cached()
    {
        // General semantics, no rule for one pipeline: a target without a cache declaration always runs.
        Qualify();
        _ran.Clear();
        var second = Qualify();
        Assert.Equal(["Deploy"], _ran);
        Assert.Equal(TargetStatus.Succeeded, second.Of("Deploy").Status);
        Assert.Equal(TargetStatus.Cached, second.Of("Qualify").Status);
    }

    [Fact]
    public void The_dependency_runs_again_when_the_dependent_is_not_a_hit()
    {
        Qualify();
        File.Delete(Path.Combine(_root, "record.json"));
        _ran.Clear();
        Qualify();
        Assert.Equal(["Deploy", "Qualify"], _ran);
    }
}

public sealed class FileHasherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-hasher-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string State => Path.Combine(_dir, "state", "file-hashes.txt");

    [Fact]
    public void A_file_rewritten_with_the_same_size_and_mtime_is_hashed_again_when_its_entry_was_taken_in_the_racy_window()
    {
        var file = Path.Combine(_dir, "input.txt");
        File.WriteAllText(file, "aaaa");
        var first = new FileHasher(State);
        var before = first.Hash(file);
        first.Save();
        var mtime = File.GetLastWriteTimeUtc(file);
        File.WriteAllText(file, "bbbb");
        File.SetLastWriteTimeUtc(file, mtime);
        Assert.NotEqual(before, new FileHasher(State).Hash(file));
    }

    [Fact]
    public void A_settled_entry_is_trusted_and_a_changed_size_or_mtime_is_hashed_again()
    {
        var file = Path.Combine(_dir, "input.txt");
        File.WriteAllText(file, "aaaa");
        var old = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(file, old);
        var first = new FileHasher(State);
        var sha = first.Hash(file);
        first.Save();

        // Same size and mtime, taken long after the modification: trusted without reading (proved by a content it did not see).
        File.WriteAllText(file, "cccc");
        File.SetLastWriteTimeUtc(file, old);
        Assert.Equal(sha, new FileHasher(State).Hash(file));

        File.SetLastWriteTimeUtc(file, old.AddSeconds(1));
        Assert.NotEqual(sha, new FileHasher(State).Hash(file));
        File.WriteAllText(file, "longer content");
        File.SetLastWriteTimeUtc(file, old);
        Assert.NotEqual(sha, new FileHasher(State).Hash(file));
    }

    [Fact]
    public void A_damaged_state_file_is_ignored()
    {
        var file = Path.Combine(_dir, "input.txt");
        File.WriteAllText(file, "aaaa");
        Directory.CreateDirectory(Path.GetDirectoryName(State)!);
        File.WriteAllText(State, $"4 {File.GetLastWriteTimeUtc(file).Ticks} 99999999999999999 {new string('0', 64)}\nnot a line\n");
        Assert.NotEqual(new string('0', 64), new FileHasher(State).Hash(file));
    }
}

public sealed class DerivedInputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-derived-").FullName;
    private int _derived;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IReadOnlyList<string> Files() =>
        DerivedInputs.Remembered(_root, Path.Combine(_root, "cache"), "files", ["a.yaml", "b.yaml"], () =>
        {
            _derived++;
            return File.ReadAllText(Path.Combine(_root, "a.yaml")).Split(' ');
        });

    [Fact]
    public void The_list_is_derived_once_per_content_of_its_sources()
    {
        File.WriteAllText(Path.Combine(_root, "a.yaml"), "x.txt y.txt");
        Assert.Equal(["x.txt", "y.txt"], Files());
        Assert.Equal(["x.txt", "y.txt"], Files());
        Assert.Equal(1, _derived);

        File.WriteAllText(Path.Combine(_root, "a.yaml"), "x.txt z.txt");
        Assert.Equal(["x.txt", "z.txt"], Files());
        File.WriteAllText(Path.Combine(_root, "b.yaml"), "other source");
        Assert.Equal(["x.txt", "z.txt"], Files());
        Assert.Equal(3, _derived);

        Directory.Delete(Path.Combine(_root, "cache"), recursive: true);
        Files();
        Assert.Equal(4, _derived);
    }
}
