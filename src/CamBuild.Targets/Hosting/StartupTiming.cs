using System.Diagnostics;

namespace CamBuild.Targets.Hosting;

/// <summary>
/// <c>CAMBUILD_TIMING=1</c>: each phase of the host (parameters, graph, plan, each target's cache check, summary) is
/// printed to standard error with the milliseconds since the process started, to find where a cached run's start-up
/// goes. Off, it costs one environment read.
/// </summary>
internal static class StartupTiming
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("CAMBUILD_TIMING") == "1";
    private static double _lastCpu;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var now = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        Console.Error.WriteLine($"[timing] wall {now,7:0.0} ms, cpu {cpu,6:0.0} ms (+{cpu - _lastCpu,5:0.0}) {phase}");
        _lastCpu = cpu;
    }
}
