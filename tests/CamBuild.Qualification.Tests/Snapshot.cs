using System.Runtime.CompilerServices;

namespace CamBuild.Qualification.Tests;

/// <summary>Compares text with a checked-in snapshot; UPDATE_SNAPSHOTS=1 rewrites the snapshot instead.</summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"snapshot {path} was written; review it and run the tests again");
        }
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
