using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.PackageIndex.Tests.Infrastructure;
using CamBuild.Python;
using CamBuild.Python.Markers;
using CamBuild.Python.Resolution;
using Xunit.Abstractions;

namespace CamBuild.PackageIndex.Tests.Resolver;

/// <summary>
/// Random universes of real wheels resolved by CamBuild and by Debian's pip (<c>--dry-run --report --no-index
/// --find-links</c>); both solutions are checked by solution_checker.py (python3-packaging, not CamBuild code).
/// CamBuild may pick another valid solution, never an invalid one, and never fails where pip found a valid one.
/// </summary>
[Trait("Category", "integration")]
public sealed class ResolverPropertyTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";
    private const int Universes = 30;
    private const int FirstSeed = 4_190;

    private sealed record Outcome(int Seed, RandomUniverse Universe, Dictionary<string, string>? Ours, string? OurError, TimeSpan OurTime,
        Dictionary<string, string>? Pips, string? PipError, TimeSpan PipTime);

    [Fact(Timeout = 600_000)]
    public async Task CamBuildNeverFindsAnInvalidSolutionAndNeverFailsWherePipSucceeds()
    {
        var environment = MarkerEnvironment.FromJson((await ProcessRunner.RunAsync(Python, ["-I", "-c", MarkerEnvironment.ProbeScript], TimeSpan.FromSeconds(60))).StandardOutput, Python);
        Assert.NotNull(environment.GlibcVersion); // the probe reads the glibc version the manylinux tags need
        using var temp = new TempDirectory("cambuild-resolver-property-");
        var outcomes = new List<Outcome>();
        for (var seed = FirstSeed; seed < FirstSeed + Universes; seed++)
        {
            var universe = RandomUniverse.Write(seed, Path.Combine(temp.Path, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var (ours, ourError, ourTime) = await ResolveWithCamBuildAsync(universe, environment);
            outcomes.Add(new Outcome(seed, universe, ours, ourError, ourTime, null, null, TimeSpan.Zero));
        }

        // pip runs two at a time (it is the slow side; each run is a separate process with its own report file).
        using var gate = new SemaphoreSlim(2);
        var pipRuns = outcomes.Select(async o =>
        {
            await gate.WaitAsync();
            try
            {
                return await ResolveWithPipAsync(o.Universe, temp.Path);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        var pipResults = await Task.WhenAll(pipRuns);
        outcomes = outcomes.Select((o, i) => o with { Pips = pipResults[i].Item1, PipError = pipResults[i].Item2, PipTime = pipResults[i].Item3 }).ToList();

        var solutions = outcomes.SelectMany(o => new[] { ("cambuild", o, o.Ours), ("pip", o, o.Pips) })
            .Where(s => s.Item3 is not null)
            .Select(s => new JsonObject
            {
                ["id"] = $"{s.Item1}:{s.o.Seed}",
                ["roots"] = new JsonArray([.. s.o.Universe.Roots.Select(r => (JsonNode)r)]),
                ["pins"] = new JsonObject(s.Item3!.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["yanked"] = new JsonArray([.. s.o.Universe.Wheels.Where(w => w.YankedReason is not null).Select(w => (JsonNode)w.Path)]),
            })
            .ToArray();
        var verdicts = await CheckAsync(solutions);

        var invalidOurs = outcomes.Where(o => o.Ours is not null && verdicts[$"cambuild:{o.Seed}"].Count > 0).ToArray();
        var validPips = outcomes.Where(o => o.Pips is not null && verdicts[$"pip:{o.Seed}"].Count == 0).ToArray();
        var oursFailedPipValid = validPips.Where(o => o.Ours is null).ToArray();
        var bothSucceed = outcomes.Count(o => o.Ours is not null && o.Pips is not null);
        var same = outcomes.Count(o => o.Ours is not null && o.Pips is not null && o.Ours.OrderBy(p => p.Key).SequenceEqual(o.Pips.OrderBy(p => p.Key)));
        var bothFail = outcomes.Count(o => o.Ours is null && o.Pips is null);
        var onlyPipFails = outcomes.Where(o => o.Ours is not null && o.Pips is null).ToArray();
        var invalidPips = outcomes.Where(o => o.Pips is not null && verdicts[$"pip:{o.Seed}"].Count > 0).ToArray();

        output.WriteLine($"{Universes} universes ({outcomes.Min(o => o.Universe.Wheels.Count)}-{outcomes.Max(o => o.Universe.Wheels.Count)} wheels): " +
            $"both succeed {bothSucceed} (identical pins {same}), both fail {bothFail}, only pip fails {onlyPipFails.Length}, " +
            $"only CamBuild fails {outcomes.Count(o => o.Ours is null && o.Pips is not null)} (pip solution valid there: {oursFailedPipValid.Length}), " +
            $"invalid pip solutions {invalidPips.Length}");
        output.WriteLine($"time per resolve: CamBuild median {Median(outcomes.Select(o => o.OurTime))} ms, max {outcomes.Max(o => o.OurTime.TotalMilliseconds):F0} ms; " +
            $"pip median {Median(outcomes.Select(o => o.PipTime))} ms, max {outcomes.Max(o => o.PipTime.TotalMilliseconds):F0} ms");
        foreach (var o in onlyPipFails)
            output.WriteLine($"  only pip fails, seed {o.Seed}: {o.PipError}");
        foreach (var o in outcomes.Where(o => o.Ours is null))
            output.WriteLine($"  CamBuild fails, seed {o.Seed} (pip {(o.Pips is null ? "fails too" : "succeeds")}): {o.OurError}");
        foreach (var o in invalidPips)
            output.WriteLine($"  pip solution invalid, seed {o.Seed}: {string.Join("; ", verdicts[$"pip:{o.Seed}"])}");

        Assert.True(invalidOurs.Length == 0, "CamBuild found invalid solutions:\n" + string.Join('\n',
            invalidOurs.Select(o => $"seed {o.Seed} roots {string.Join(' ', o.Universe.Roots)}: {string.Join("; ", verdicts[$"cambuild:{o.Seed}"])}")));
        Assert.True(oursFailedPipValid.Length == 0, "CamBuild failed where pip found a valid solution:\n" + string.Join('\n',
            oursFailedPipValid.Select(o => $"seed {o.Seed} roots {string.Join(' ', o.Universe.Roots)}: {o.OurError}\n  pip: {string.Join(' ', o.Pips!.Select(p => $"{p.Key}=={Path.GetFileName(p.Value)}"))}")));
        Assert.True(bothSucceed >= Universes / 3, $"only {bothSucceed} universes were solvable by both: the generator is too hostile to test anything");
    }

    private static async Task<(Dictionary<string, string>?, string?, TimeSpan)> ResolveWithCamBuildAsync(RandomUniverse universe, MarkerEnvironment environment)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await new DependencyResolver(new LocalWheelSource(universe), environment)
                .ResolveAsync(ResolutionRequest.FromRequirements(universe.Roots), CancellationToken.None);
            var pins = result.Packages.ToDictionary(p => p.Name, p => p.Files.Single(f => f.IsWheel).Url.LocalPath, StringComparer.Ordinal);
            return (pins, null, clock.Elapsed);
        }
        catch (PythonPackagingException error)
        {
            return (null, error.Message, clock.Elapsed);
        }
    }

    private static async Task<(Dictionary<string, string>?, string?, TimeSpan)> ResolveWithPipAsync(RandomUniverse universe, string work)
    {
        var report = Path.Combine(work, $"report-{Guid.NewGuid():N}.json");
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(Python,
            ["-m", "pip", "--isolated", "--no-input", "--no-cache-dir", "--disable-pip-version-check", "install", "--dry-run", "--ignore-installed",
             "--report", report, "--no-index", "--find-links", universe.FindLinksPage, .. universe.Roots],
            TimeSpan.FromSeconds(120), work);
        var elapsed = clock.Elapsed;
        if (result.ExitCode != 0)
        {
            var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var error = lines.FirstOrDefault(l => l.StartsWith("ERROR:", StringComparison.Ordinal)) ?? result.StandardError.Trim();
            if (error == "ERROR: Exception:" && lines.Length > 0)
                error = $"pip crashed: {lines[^1]}"; // a traceback: its last line names the exception
            return (null, error, elapsed);
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.GetProperty("install").EnumerateArray())
        {
            var name = ProjectNames.Normalize(item.GetProperty("metadata").GetProperty("name").GetString()!);
            pins[name] = new Uri(item.GetProperty("download_info").GetProperty("url").GetString()!).LocalPath;
        }

        return (pins, null, elapsed);
    }

    private static async Task<Dictionary<string, List<string>>> CheckAsync(IReadOnlyList<JsonObject> solutions)
    {
        var checker = Path.Combine(AppContext.BaseDirectory, "Resolver", "solution_checker.py");
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(input, solutions.Select(s => s.ToJsonString()));
            var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", $"exec {Python} -I \"$0\" < \"$1\"", checker, input], TimeSpan.FromSeconds(120));
            Assert.True(result.ExitCode == 0, "solution_checker.py failed: " + result.Combined);
            var verdicts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonNode.Parse(l)!.AsObject())
                .ToDictionary(v => v["id"]!.GetValue<string>(), v => v["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList());
            Assert.Equal(solutions.Count, verdicts.Count);
            return verdicts;
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static long Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToArray();
        return (long)sorted[sorted.Length / 2];
    }
}
