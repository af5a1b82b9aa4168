using System.Globalization;

namespace CamBuild.Python.Tests.Support;

/// <summary>CPU time of the calling thread (Linux /proc), in milliseconds.</summary>
public static class ThreadCpu
{
    public static double Milliseconds()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0; // USER_HZ is 100 on Linux
    }
}
