using CamBuild.Common;
using System.Diagnostics;
using System.Text.Json;
using CamBuild.Images.Baking;
using CamBuild.Images.Store;
using CamBuild.Images.Verification;

namespace CamBuild.Images.Tests;

[Trait("Category", "integration")]
[Collection("bake")]
public class BakeTests(BakeFixture fixture)
{
    [Fact]
    public async Task CandidateIsStoredUnderItsIdWithManifestAndProvenance()
    {
        var r = fixture.Result;
        Assert.Matches("^[0-9a-f]{64}$", r.Id);
        Assert.Equal(Path.Combine(fixture.StoreRoot, r.Id), r.Directory);
        Assert.Equal($"debian-12-camtest_1.0.0-{r.Id[..12]}_amd64.tar.zst", Path.GetFileName(r.TemplatePath));
        var opened = await new CandidateStore(fixture.StoreRoot).OpenAsync(r.Id);
        var m = opened.Manifest;
        Assert.Equal(r.Id, m.Id);
        Assert.Contains(m.DpkgList, l => l.StartsWith("systemd-sysv\t", StringComparison.Ordinal));
        Assert.Contains(m.DpkgList, l => l.StartsWith("ifupdown\t", StringComparison.Ordinal));
        Assert.Contains("camimgbeta==0.1.0", m.PipFreeze["cam"], StringComparison.Ordinal);
        Assert.DoesNotContain(m.Files, f => f.Path.StartsWith("./dev/", StringComparison.Ordinal) && f.Path != "./dev/");
        Assert.Contains(m.Files, f => f.Path == "./usr/local/bin/cam-node" && f.Mode == "0755" && f.Uid == 0);
        Assert.Contains(m.Files, f => f.Path == "./etc/os-release" || f.Path == "./usr/lib/os-release");
        Assert.Contains(m.Files, f => f.Path == "./etc/debian_version");
        Assert.All(m.Files, f => Assert.True(f.Mtime <= m.SourceDateEpoch, $"{f.Path} mtime {f.Mtime} > SDE"));
        Assert.DoesNotContain(m.Files, f => f.Path.StartsWith("./tmp/", StringComparison.Ordinal) && f.Path != "./tmp/");
        Assert.DoesNotContain(m.Files, f => f.Path.Contains("ssh_host_", StringComparison.Ordinal));
        using var provenance = JsonDocument.Parse(File.ReadAllText(r.ProvenancePath));
        Assert.Equal("https://in-toto.io/Statement/v1", provenance.RootElement.GetProperty("_type").GetString());
        Assert.Equal(r.TemplateSha256, provenance.RootElement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());
        TestCache.Log("stages: " + string.Join(", ", r.Stages.Select(s => $"{s.Stage} {(s.CacheHit ? "hit" : "built")} {s.Seconds:F1}s")));
    }

    [Fact]
    public async Task ChangingOneWheelRerunsOnlyPythonAndLaterStages()
    {
        var osLock = await TestCache.LockAsync();
        // A version no earlier run has baked: the stage caches persist across test runs on purpose (the base is costly).
        var changedVersion = $"0.2.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var changed = new SampleSystem(Path.Combine(fixture.Work, "sample-changed"), betaVersion: changedVersion);
        var watch = Stopwatch.StartNew();
        var stages = new List<(int Done, int Total, string Stage)>();
        var r = await CandidateBaker.BakeAsync(changed.Spec(osLock), fixture.Options with { StageProgress = (d, t, s) => stages.Add((d, t, s)) });
        // Progress names every stage in order, counting up to all six done.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], stages.Select(s => s.Done));
        Assert.All(stages, s => Assert.Equal(6, s.Total));
        Assert.Equal("base root filesystem (mmdebstrap)", stages[0].Stage);
        Assert.Equal("compress (zstd)", stages[4].Stage);
        TestCache.Log($"warm bake after one leaf change: {watch.Elapsed.TotalSeconds:F1} s");
        var hits = r.Stages.ToDictionary(s => s.Stage, s => s.CacheHit);
        Assert.True(hits["base"]);
        Assert.False(hits["python"]);
        Assert.False(hits["config"]);
        Assert.False(hits["pack"]);
        Assert.NotEqual(fixture.Result.Id, r.Id);

        var again = await CandidateBaker.BakeAsync(fixture.Sample.Spec(osLock), fixture.Options);
        Assert.All(again.Stages, s => Assert.True(s.CacheHit, $"{s.Stage} missed"));
        Assert.Equal(fixture.Result.Id, again.Id);
    }

    [Fact]
    public async Task TamperedCandidateIsRefused()
    {
        var store = Directory.CreateTempSubdirectory("cambuild-tamper-").FullName;
        try
        {
            var copy = Path.Combine(store, fixture.Result.Id);
            Directory.CreateDirectory(copy);
            foreach (var f in Directory.GetFiles(fixture.Result.Directory)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
            var template = Path.Combine(copy, Path.GetFileName(fixture.Result.TemplatePath));
            await using (var s = new FileStream(template, FileMode.Open))
            {
                s.Seek(-100, SeekOrigin.End);
                var b = s.ReadByte();
                s.Seek(-1, SeekOrigin.Current);
                s.WriteByte((byte)(b ^ 0xff));
            }
            var e = await Assert.ThrowsAsync<CandidateTamperedException>(() => new CandidateStore(store).OpenAsync(fixture.Result.Id));
            Assert.Contains(template, e.Message, StringComparison.Ordinal);
            Assert.Contains(fixture.Result.TemplateSha256, e.Message, StringComparison.Ordinal);
            Assert.Contains(Sha256.OfFile(template).Hex, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    [Fact]
    public async Task RebakeInAnotherEnvironmentGivesTheSameSha256()
    {
        // Separate process: umask 077, another TZ/LANG, another hostname (UTS namespace) and working directory;
        // fresh stage caches, so the base is rebuilt from the locked debs too.
        var cwd = Directory.CreateTempSubdirectory("cambuild-bake-b-").FullName;
        try
        {
            var dll = typeof(Program).Assembly.Location;
            var script = $"hostname cambuild-other-host && umask 077 && cd {cwd} && exec dotnet {dll} verify " +
                         $"{fixture.StoreRoot} {fixture.Result.Id} {TestCache.Root} {TestCache.Debs.Root}";
            var psi = new ProcessStartInfo("unshare", ["-u", "sh", "-c", script])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd,
            };
            psi.Environment["TZ"] = "America/New_York";
            psi.Environment["LANG"] = "de_DE.UTF-8";
            psi.Environment["LC_ALL"] = "de_DE.UTF-8";
            psi.Environment["PIP_FIND_LINKS"] = "/nonexistent";
            psi.Environment["PYTHONDONTWRITEBYTECODE"] = "";
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = await p.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            await p.WaitForExitAsync(cts.Token);
            var log = await stderr;
            TestCache.Log("rebake child:\n" + string.Join('\n', log.Split('\n').Where(l => !l.Contains(" I: ", StringComparison.Ordinal)).TakeLast(30)));
            var report = JsonSerializer.Deserialize<ReproducibilityReport>(stdout);
            Assert.NotNull(report);
            Assert.True(report.Identical, "rebake differs:\n" + string.Join('\n', report.Differences));
            Assert.Equal(fixture.Result.Id, report.RebuiltId);
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            Directory.Delete(cwd, recursive: true);
        }
    }
}
