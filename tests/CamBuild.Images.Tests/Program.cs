using System.Text.Json;
using CamBuild.Images.Store;
using CamBuild.Images.Verification;

namespace CamBuild.Images.Tests;

/// <summary>
/// Entry point used only by the reproducibility test to rebake in a separate process whose umask, TZ, LANG,
/// hostname and working directory differ from the test process: <c>dotnet CamBuild.Images.Tests.dll verify &lt;store&gt; &lt;id&gt; &lt;cache&gt; &lt;debs&gt;</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "bench")
        {
            // Manual benchmark run: dotnet CamBuild.Images.Tests.dll bench <work-dir>
            var osLock = await TestCache.LockAsync();
            var a = new SampleSystem(Path.Combine(args[1], "sample-a"));
            var b = new SampleSystem(Path.Combine(args[1], "sample-b"), betaVersion: "0.2.0");
            var result = await Benchmarks.BakeBenchmark.RunAsync(a.Spec(osLock), b.Spec(osLock), args[1], TestCache.Log);
            Console.WriteLine(result);
            foreach (var s in result.ColdStages.Concat(result.WarmStages)) Console.WriteLine($"{s.Stage} {(s.CacheHit ? "hit" : "built")} {s.Seconds:F1}s");
            return 0;
        }
        if (args.Length != 5 || args[0] != "verify")
        {
            await Console.Error.WriteLineAsync("usage: verify <store> <id> <input-cache> <deb-store>");
            return 2;
        }
        var report = await ReproducibilityVerifier.VerifyAsync(new CandidateStore(args[1]), args[2], args[3], args[4],
            m => Console.Error.WriteLine(m));
        Console.WriteLine(JsonSerializer.Serialize(report));
        return report.Identical ? 0 : 1;
    }
}
