using System.ComponentModel;
using System.Runtime.InteropServices;

namespace CamBuild.Common;

/// <summary>fsync of a directory, so a rename survives a power cut (.NET opens no directory handles itself).</summary>
internal static class Durability
{
    /// <summary>How many directories were fsynced by this process; lets tests see that a write made its rename durable.</summary>
    public static long DirectorySyncs => Interlocked.Read(ref _directorySyncs);

    private static long _directorySyncs;

    public static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var descriptor = Libc.Open(directory, Libc.ReadOnly | Libc.Directory);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory '{directory}' to fsync it: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
        try
        {
            if (Libc.Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
            }
            Interlocked.Increment(ref _directorySyncs);
        }
        finally
        {
            _ = Libc.Close(descriptor);
        }
    }
}
