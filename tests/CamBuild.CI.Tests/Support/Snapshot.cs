namespace CamBuild.CI.Tests.Support;

internal static class Snapshot
{
    public static void AssertMatches(string name, string actual)
    {
        var expectedPath = Path.Combine(TestPaths.SnapshotDirectory, name);
        var receivedPath = Path.Combine(TestPaths.SnapshotDirectory, ReceivedName(name));
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        Directory.CreateDirectory(TestPaths.SnapshotDirectory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {expectedPath}; the output was written to {receivedPath}. Review it and rename it to accept."
            : $"Output differs from {expectedPath}; written to {receivedPath}.\n{LineDiff.Unified(name, expected, actual)}");
    }

    private static string ReceivedName(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Length == 0 ? name + ".received.txt" : Path.ChangeExtension(name, ".received" + extension);
    }
}
