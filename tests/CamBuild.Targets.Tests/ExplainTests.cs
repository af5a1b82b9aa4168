using CamBuild.Targets.Caching;
using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;
using CamBuild.Targets.Tests.Support;
using static CamBuild.Targets.Tests.Support.Graphs;

namespace CamBuild.Targets.Tests;

/// <summary>
/// <c>--explain</c> / <c>--expect-cached</c> on the engine: a forecast names, for each target that would not be
/// Cached, the inputs that changed since its recorded run, and executes nothing.
/// </summary>
public sealed class ExplainTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-explain-").FullName;
    private readonly List<string> _ran = [];
    private string? _channel = "dev";

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

    private TargetCache Cache() =>
        new(_root, Path.Combine(_root, ".nuke/temp/cache/targets"), new FileHasher(Path.Combine(_root, ".nuke/temp/cache/file-hashes.txt")));

    private BuildResult Run(RecordingLog? log = null, params string[] invoked) =>
        new BuildExecutor(Plan(Targets(), invoked.Length == 0 ? ["Bake"] : invoked), new ExecutorOptions(Cache: Cache()), log ?? new RecordingLog())
            .RunAsync().GetAwaiter().GetResult();

    private Dictionary<string, TargetForecast> Forecast(IReadOnlyList<string>? force = null)
    {
        _ran.Clear();
        var forecast = new BuildExecutor(Plan(Targets(), "Bake"), new ExecutorOptions(Cache: Cache(), Force: force), new RecordingLog()).Forecast();
        Assert.Empty(_ran);
        return forecast.ToDictionary(f => f.Name);
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
        Write("config/candidate.yaml", "suite: bookworm");
        Write("recipe.txt", "v1");
        Run();
    }

    [Fact]
    public void Without_a_recorded_run_every_target_executes_and_says_so()
    {
        Write("config/leaves.yaml", "katcomp");
        Write("recipe.txt", "v1");
        var forecast = Forecast();
        Assert.True(forecast["Pin"].Executes);
        Assert.Equal(["no recorded run (first run, or the cache was cleaned)"], forecast["Pin"].Reasons);
        Assert.True(forecast["Bake"].Executes);
        Assert.False(File.Exists(Path.Combine(_root, "out/lock.txt")));
    }

    [Fact]
    public void After_a_run_nothing_would_execute()
    {
        Arrange();
        var forecast = Forecast();
        Assert.All(forecast.Values, f => Assert.Equal(TargetStatus.Cached, f.Status));
        Assert.All(forecast.Values, f => Assert.Empty(f.Reasons));
        Assert.StartsWith("Nothing would execute: 2 cached", ExplainText.Verdict([.. forecast.Values]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_input_file_is_named_and_the_dependent_is_told_it_may_follow()
    {
        Arrange();
        Write("config/leaves.yaml", "katcomp katproxy");
        var forecast = Forecast();
        Assert.Equal(["input file changed: config/leaves.yaml"], forecast["Pin"].Reasons);
        Assert.Equal(TargetStatus.Cached, forecast["Bake"].Status);
        Assert.Contains("Pin", Assert.Single(forecast["Bake"].Reasons), StringComparison.Ordinal);
        Assert.Equal("1 of 2 targets would execute: Pin.", ExplainText.Verdict([.. forecast.Values]));
    }

    [Fact]
    public void An_added_input_file_is_named()
    {
        Arrange();
        Write("config/site.yaml", "new");
        Assert.Equal(["input file added: config/site.yaml"], Forecast()["Pin"].Reasons);
    }

    [Fact]
    public void A_removed_input_file_is_named()
    {
        Arrange();
        File.Delete(Path.Combine(_root, "config/candidate.yaml"));
        Assert.Equal(["input file removed: config/candidate.yaml"], Forecast()["Pin"].Reasons);
    }

    [Fact]
    public void A_changed_value_is_named_with_both_values()
    {
        Arrange();
        _channel = "release";
        Assert.Equal(["value 'Channel' changed: 'dev' -> 'release'"], Forecast()["Pin"].Reasons);
    }

    [Fact]
    public void A_changed_upstream_output_is_named()
    {
        Arrange();
        Write("config/leaves.yaml", "katcomp katproxy");
        Run(null, "Pin");
        var forecast = Forecast();
        Assert.Equal(TargetStatus.Cached, forecast["Pin"].Status);
        Assert.Equal(["output of Pin changed: out/lock.txt"], forecast["Bake"].Reasons);
    }

    [Fact]
    public void A_removed_or_altered_output_is_named()
    {
        Arrange();
        File.Delete(Path.Combine(_root, "out/candidate.tar"));
        Assert.Equal(["output removed since the recorded run: out/candidate.tar"], Forecast()["Bake"].Reasons);
        Run();
        Write("out/candidate.tar", "tampered");
        Assert.Equal(["output changed since the recorded run: out/candidate.tar"], Forecast()["Bake"].Reasons);
    }

    [Fact]
    public void Several_changes_are_all_named()
    {
        Arrange();
        Write("config/leaves.yaml", "katcomp katproxy");
        Write("config/site.yaml", "new");
        File.Delete(Path.Combine(_root, "config/candidate.yaml"));
        _channel = null;
        Assert.Equal(
            ["input file changed: config/leaves.yaml", "input file added: config/site.yaml", "input file removed: config/candidate.yaml",
             "value 'Channel' changed: 'dev' -> (hashed) sha256:" + CacheInputs.Sha("\u0000null")[..12]],
            Forecast()["Pin"].Reasons);
    }

    [Fact]
    public void A_miss_is_explained_against_the_last_run_not_an_older_record()
    {
        Arrange();
        Write("recipe.txt", "v2");
        Run();
        Write("recipe.txt", "v1");
        Write("out/candidate.tar", "tar of lock of katcomp");
        Run(); // hits the v1 record again, which becomes the one to compare with
        Write("config/leaves.yaml", "katcomp katproxy");
        Run(null, "Pin");
        Assert.Equal(["output of Pin changed: out/lock.txt"], Forecast()["Bake"].Reasons);
    }

    [Fact]
    public void A_value_holding_a_secret_is_neither_recorded_nor_shown()
    {
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        CamBuild.Common.Secrets.Register(secret);
        _channel = secret;
        Arrange();
        var records = Directory.GetFiles(Path.Combine(_root, ".nuke/temp/cache"), "*", SearchOption.AllDirectories);
        Assert.All(records, r => Assert.DoesNotContain(secret, File.ReadAllText(r), StringComparison.Ordinal));
        _channel = "dev";
        var reason = Assert.Single(Forecast()["Pin"].Reasons);
        Assert.DoesNotContain(secret, reason, StringComparison.Ordinal);
        Assert.StartsWith("value 'Channel' changed: (hashed) sha256:", reason, StringComparison.Ordinal);
        Assert.EndsWith("-> 'dev'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Force_and_undeclared_targets_are_explained()
    {
        Arrange();
        Assert.Equal(["--force"], Forecast(force: ["pin"])["Pin"].Reasons);
        var plain = new BuildExecutor(Plan([T("Deploy")], "Deploy"), new ExecutorOptions(Cache: Cache()), new RecordingLog()).Forecast();
        Assert.Equal(["declares no cache inputs: it always executes"], Assert.Single(plain).Reasons);
    }

    [Fact]
    public void A_record_without_per_input_detail_still_hits_and_a_miss_against_it_says_why_it_cannot_be_detailed()
    {
        Arrange();
        // As written before inputs were recorded: target, key and outputs only.
        foreach (var record in Directory.GetFiles(Path.Combine(_root, ".nuke/temp/cache/targets"), "*.json", SearchOption.AllDirectories))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(record))!.AsObject();
            foreach (var name in new[] { "Files", "Values", "Upstream" }) Assert.True(node.Remove(name), name);
            File.WriteAllText(record, node.ToJsonString());
        }

        Assert.All(Forecast().Values, f => Assert.Equal(TargetStatus.Cached, f.Status));
        Write("recipe.txt", "v2");
        Assert.Contains("without per-input detail", Assert.Single(Forecast()["Bake"].Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_logs_why_each_target_executes()
    {
        Arrange();
        Write("recipe.txt", "v2");
        var log = new RecordingLog();
        _ran.Clear();
        Run(log);
        Assert.Contains("D Executes: input file changed: recipe.txt", log.Lines);
        Assert.Equal(["Bake"], _ran);
    }
}
