namespace CamBuild.Release.Store;

internal static class AtomicFile
{
    /// <summary>Writes to a temporary file beside <paramref name="path"/>, fsyncs it and renames it into place.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Appends <paramref name="bytes"/> and fsyncs; the caller holds the channel lock.</summary>
    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
