using System.Runtime.CompilerServices;

namespace CamBuild.Pipeline.Tests.Support;

/// <summary>
/// Exact comparison with Snapshots/&lt;name&gt;.txt in the source tree. On a mismatch (or a missing snapshot) the actual
/// text is written beside it as &lt;name&gt;.received.txt, so a reviewer can diff it and rename it to accept it.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = SnapshotDirectory(caller);
        var expectedPath = Path.Combine(directory, name + ".txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        var normalized = actual.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == normalized)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(expected is null
            ? $"No snapshot {expectedPath}; wrote {receivedPath}. Review it and rename it to {name}.txt.\n{normalized}"
            : $"Snapshot {expectedPath} differs; wrote {receivedPath}.\nExpected:\n{expected}\nActual:\n{normalized}");
    }

    /// <summary>The Snapshots folder of this project: found from the repository (build output may be anywhere).</summary>
    private static string SnapshotDirectory(string caller)
    {
        var fromRepository = RepositoryRoot.Combine("tests", "CamBuild.Pipeline.Tests", "Snapshots");
        if (Directory.Exists(fromRepository)) return fromRepository;
        var fromSource = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(caller)!)!, "Snapshots");
        return Directory.Exists(fromSource) ? fromSource : throw new DirectoryNotFoundException($"Snapshots directory not found at {fromRepository}.");
    }
}
