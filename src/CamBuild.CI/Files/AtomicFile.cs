using System.Text;

namespace CamBuild.CI;

internal static class AtomicFile
{
    /// <summary>Writes (masked: no registered secret reaches a generated file) to a temporary file in the same directory, then renames it over the target.</summary>
    public static void WriteAllText(string path, string content, Encoding encoding)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, CamBuild.Common.Secrets.MaskText(content), encoding);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
