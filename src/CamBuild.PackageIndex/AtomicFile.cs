namespace CamBuild.PackageIndex;

internal static class AtomicFile
{
    /// <summary>Temp file beside the target, then rename, so readers never see a half-written file.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var temp = TempPathBeside(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                stream.Write(content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static void WriteAllText(string path, string content) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content));

    public static string TempPathBeside(string path) =>
        $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
}
