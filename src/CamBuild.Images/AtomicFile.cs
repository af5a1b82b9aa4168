using System.Text;

namespace CamBuild.Images;

/// <summary>Writes through a temp file in the same directory and a rename, so readers never see a partial file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(tmp, content, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Moves a finished temp directory into place; returns false when another writer got there first.</summary>
    public static bool PublishDirectory(string tempDir, string finalDir)
    {
        try
        {
            Directory.Move(tempDir, finalDir);
            return true;
        }
        catch (IOException) when (Directory.Exists(finalDir))
        {
            DeleteTree(tempDir);
            return false;
        }
    }

    public static void DeleteTree(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
