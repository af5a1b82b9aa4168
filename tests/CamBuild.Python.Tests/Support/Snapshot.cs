using System.Runtime.CompilerServices;

namespace CamBuild.Python.Tests.Support;

/// <summary>Exact comparison with Snapshots/&lt;name&gt;; on mismatch writes &lt;name&gt;.received beside it.</summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var expectedPath = Path.Combine(directory, name);
        var receivedPath = expectedPath + ".received";
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"Snapshot {expectedPath} does not exist; review {receivedPath} and rename it to accept."
            : $"Snapshot {expectedPath} differs; review {receivedPath} and rename it to accept.");
    }
}
