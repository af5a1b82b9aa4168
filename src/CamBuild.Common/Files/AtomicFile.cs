using System.Text;

namespace CamBuild.Common;

/// <summary>
/// The one atomic writer: a temporary file with a unique name in the target's directory, written and fsynced, renamed
/// over the target, then the directory fsynced. Readers see the old or the new content, never half a file; a failed
/// write removes its temporary file; a process killed mid-write leaves only a <c>.tmp</c> sibling the next write ignores.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark, the encoding of every text file the build writes.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content) => WriteAllText(path, content, Utf8);

    public static void WriteAllText(string path, string content, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(encoding);
        Write(path, stream =>
        {
            var preamble = encoding.GetPreamble();
            stream.Write(preamble);
            stream.Write(encoding.GetBytes(content));
        });
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteAllText(path, content);
        return Task.CompletedTask;
    }

    /// <summary>Writes only when the content differs, so unchanged generated files keep their timestamps.</summary>
    public static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }
        WriteAllText(path, content);
        return true;
    }

    /// <summary>Lets <paramref name="write"/> fill the temporary file, then publishes it; on any failure the temporary file is removed.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            Publish(temporary, full);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The asynchronous <see cref="Write"/>, for content that streams in (a download, a zip being built).</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA1849 // FlushAsync does not reach the disk; Flush(flushToDisk: true) is the fsync.
                stream.Flush(flushToDisk: true);
#pragma warning restore CA1849
            }
            Publish(temporary, full);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The target's full path (its directory created) and a fresh temporary path beside it.</summary>
    private static (string Full, string Temporary) Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(directory);
        return (full, TemporaryPathBeside(full));
    }

    /// <summary>Renames the fsynced temporary file over the target, then fsyncs the directory so the rename survives a crash.</summary>
    private static void Publish(string temporary, string full)
    {
        File.Move(temporary, full, overwrite: true);
        Durability.FsyncDirectory(Path.GetDirectoryName(full)!);
    }

    /// <summary>Appends and fsyncs; the caller holds whatever lock keeps other appenders out.</summary>
    public static void AppendDurably(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A unique hidden sibling of <paramref name="path"/>: same directory (so the rename stays on one file system).</summary>
    public static string TemporaryPathBeside(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Moves a finished temporary directory into place; false when another writer got there first (then the temporary one is removed).</summary>
    public static bool PublishDirectory(string temporaryDirectory, string finalDirectory)
    {
        try
        {
            Directory.Move(temporaryDirectory, finalDirectory);
            Durability.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(finalDirectory))!);
            return true;
        }
        catch (IOException) when (Directory.Exists(finalDirectory))
        {
            DeleteTree(temporaryDirectory);
            return false;
        }
    }

    public static void DeleteTree(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
