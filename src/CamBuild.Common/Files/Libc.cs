using System.Runtime.InteropServices;

namespace CamBuild.Common;

/// <summary>The few libc calls .NET does not offer: open a directory (to fsync it), read without an flock, a file's inode.</summary>
internal static partial class Libc
{
    public const int ReadOnly = 0;
    public const int Directory = 0x10000; // O_DIRECTORY on Linux

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, Span<byte> buffer, nuint count);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int descriptor);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, Span<byte> buffer);

    /// <summary>
    /// The inode number of <paramref name="path"/> (<c>st_ino</c>, the second field of <c>struct stat</c> on x86-64
    /// and arm64 Linux), or 0 where it cannot be read (another architecture, a libc without <c>stat</c>).
    /// </summary>
    public static ulong InodeOf(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return 0;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Stat(path, buffer) != 0) throw new FileNotFoundException($"stat {path}: errno {Marshal.GetLastPInvokeError()}", path);
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..16]);
    }
}
