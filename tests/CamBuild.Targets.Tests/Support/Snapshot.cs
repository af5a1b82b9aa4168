using System.Runtime.CompilerServices;

namespace CamBuild.Targets.Tests.Support;

/// <summary>Compares text with <c>Snapshots/&lt;name&gt;.txt</c>; on mismatch writes <c>.received.txt</c> beside it to review and accept.</summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string caller = "")
    {
        var project = new DirectoryInfo(Path.GetDirectoryName(caller)!);
        while (project.GetFiles("*.csproj").Length == 0) project = project.Parent!;
        var dir = Path.Combine(project.FullName, "Snapshots");
        var expectedPath = Path.Combine(dir, name + ".txt");
        var receivedPath = Path.Combine(dir, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (File.Exists(expectedPath) && File.ReadAllText(expectedPath) == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail($"Snapshot '{name}' differs (or is new). Review {receivedPath} and rename it to {name}.txt to accept.");
    }
}
