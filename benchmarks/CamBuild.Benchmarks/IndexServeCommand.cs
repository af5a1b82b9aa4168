using System.Runtime.InteropServices;
using CamBuild.PackageIndex.Fixtures;
using CamBuild.PackageIndex.Server;

namespace CamBuild.Benchmarks;

/// <summary>Writes the fixture universe as wheels and serves it on 127.0.0.1 until SIGTERM/SIGINT or a time limit.</summary>
public static class IndexServeCommand
{
    public static async Task<int> RunAsync(string universePath, string indexDir, string urlFile, TimeSpan maxLifetime)
    {
        var wheels = FixtureWheels.WriteIndex(FixtureUniverse.Load(universePath), indexDir);
        await using var server = PackageIndexServer.Start(new PackageIndexServerOptions(indexDir));
        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        var temp = urlFile + ".tmp";
        await File.WriteAllTextAsync(temp, server.SimpleUrl + "\n").ConfigureAwait(false);
        File.Move(temp, urlFile, overwrite: true);
        Console.WriteLine($"serving {wheels.Count} fixture wheels at {server.SimpleUrl} (digest {server.ContentDigest[..12]})");
        await Task.WhenAny(stop.Task, Task.Delay(maxLifetime)).ConfigureAwait(false);
        Console.WriteLine($"index served {server.RequestLog.Count} requests");
        return 0;
    }
}
