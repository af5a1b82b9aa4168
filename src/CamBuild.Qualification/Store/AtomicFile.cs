using System.Text;

namespace CamBuild.Qualification.Store;

/// <summary>
/// Writes a file so readers see either the old or the new content: a temporary file, then a rename. The text passes the
/// secret masker first: records, JUnit, suite logs and reports never hold a registered secret.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, CamBuild.Common.Secrets.MaskText(text), new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
