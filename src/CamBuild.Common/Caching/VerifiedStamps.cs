using System.Globalization;

namespace CamBuild.Common.Caching;

/// <summary>
/// Remembers which files of the machine cache were verified against their sha256, so that a file is hashed once and
/// not on every read: a stamp (<c>&lt;directory&gt;/&lt;name&gt;</c>) holds the file's size, modification time and
/// inode at the moment it was verified (and marked used). A file written, replaced or truncated since has another
/// identity and is hashed again. Stamps live outside the entries' folder, so collection never takes one for an entry.
/// </summary>
public sealed class VerifiedStamps(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>True when <paramref name="file"/> still has the identity its stamp recorded when it was verified.</summary>
    public bool IsCurrent(string file, string name)
    {
        var stamp = Path.Combine(Directory, name);
        if (!File.Exists(stamp)) return false;
        var identity = IdentityOf(file);
        return identity is not null && File.ReadAllText(stamp).Trim() == identity;
    }

    /// <summary>Records that <paramref name="file"/> was verified (or used after a verification) as it is now.</summary>
    public void Record(string file, string name)
    {
        if (IdentityOf(file) is not { } identity) return;
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(Path.Combine(Directory, name), identity + "\n");
    }

    /// <summary>Removes the stamp of a file that failed its verification.</summary>
    public void Forget(string name) => File.Delete(Path.Combine(Directory, name));

    /// <summary>Size, modification time (ticks) and inode of the file, or null when it does not exist.</summary>
    internal static string? IdentityOf(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists) return null;
        ulong inode;
        try
        {
            inode = Libc.InodeOf(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{info.Length} {info.LastWriteTimeUtc.Ticks} {inode}");
    }
}
