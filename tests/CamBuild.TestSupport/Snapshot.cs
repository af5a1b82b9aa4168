using System.Runtime.CompilerServices;
using Xunit;

namespace CamBuild.TestSupport;

/// <summary>
/// Exact comparison (line endings aside) with <c>Snapshots/&lt;file name&gt;</c> of the calling test project. On a
/// mismatch or a missing snapshot the actual text is written beside it as <c>&lt;name&gt;.received&lt;ext&gt;</c>, to
/// review and rename to accept; <c>UPDATE_SNAPSHOTS=1</c> accepts every mismatch at once (the test still fails once).
/// </summary>
public static class Snapshot
{
    public static void Match(string fileName, string actual, [CallerFilePath] string callerPath = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.Combine(RepositoryRoot.ProjectDirectory(callerPath), "Snapshots");
        var expectedPath = Path.Combine(directory, fileName);
        var receivedPath = Path.Combine(directory, ReceivedName(fileName));
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        var accept = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        File.WriteAllText(accept ? expectedPath : receivedPath, actual);
        Assert.Fail(accept
            ? $"Snapshot {expectedPath} was rewritten (UPDATE_SNAPSHOTS=1); review the diff and run the tests again."
            : expected is null
                ? $"No snapshot {expectedPath}; the output was written to {receivedPath}. Review it and rename it to accept."
                : $"Snapshot {expectedPath} differs; the output was written to {receivedPath}. Review it and rename it to accept.\n{FirstDifference(expected, actual)}");
    }

    private static string ReceivedName(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Length == 0 ? name + ".received" : Path.ChangeExtension(name, ".received" + extension);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var a = i < want.Length ? want[i] : "(end of file)";
            var b = i < got.Length ? got[i] : "(end of file)";
            if (a != b)
                return $"first difference at line {i + 1}:\n- {a}\n+ {b}";
        }
        return "the texts differ only in line endings";
    }
}
