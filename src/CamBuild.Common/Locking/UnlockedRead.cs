using System.Text;

namespace CamBuild.Common;

/// <summary>
/// Reads a file without taking the shared flock .NET takes for every open on Linux, so a waiter can read what the
/// holder of an exclusive <see cref="FileLock"/> wrote.
/// </summary>
internal static class UnlockedRead
{
    public static string? ReadAllText(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException)
            {
                return null;
            }
        }
        var descriptor = Libc.Open(path, Libc.ReadOnly);
        if (descriptor < 0)
        {
            return null;
        }
        try
        {
            var buffer = new byte[4096];
            var length = 0;
            long read;
            while (length < buffer.Length && (read = Libc.Read(descriptor, buffer.AsSpan(length), (nuint)(buffer.Length - length))) > 0)
            {
                length += (int)read;
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            _ = Libc.Close(descriptor);
        }
    }
}
