using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CamBuild.Common;

/// <summary>
/// An exclusive lock on a file. On Linux .NET takes an <c>flock</c> for <see cref="FileShare.None"/>: it excludes other
/// processes and other handles in this process, and the kernel releases it when the holder dies, so a killed build
/// never leaves a stale lock. The holder writes who it is into the file; a waiter that gives up names it.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _handle;

    private FileLock(string path, FileStream handle)
    {
        Path = path;
        _handle = handle;
    }

    public string Path { get; }

    /// <summary>Takes the lock, waiting as <paramref name="wait"/> says; <paramref name="purpose"/> is what a waiter is told the holder does.</summary>
    public static FileLock Acquire(string path, LockWait wait, string purpose) =>
        AcquireAsync(path, wait, purpose, CancellationToken.None).GetAwaiter().GetResult();

    public static Task<FileLock> AcquireAsync(string path, LockWait wait, string purpose, CancellationToken cancellationToken) =>
        WaitForAsync(path, wait, full => TryOpen(full, purpose), cancellationToken);

    /// <summary>
    /// Takes a shared lock (<c>flock LOCK_SH</c>: .NET takes it for a read-only open that shares reading): any number of
    /// shared holders exclude an exclusive one and the other way round. A shared holder writes nothing into the file.
    /// </summary>
    public static Task<FileLock> AcquireSharedAsync(string path, LockWait wait, CancellationToken cancellationToken) =>
        WaitForAsync(path, wait, TryOpenShared, cancellationToken);

    /// <summary>What the current holder wrote (pid, purpose, since when), or null when nobody holds or nothing is written.</summary>
    public static string? ReadHolder(string path)
    {
        var text = UnlockedRead.ReadAllText(path)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>The one wait policy of every lock: try, and until the timeout pause with jitter, doubling up to the maximum.</summary>
    private static async Task<FileLock> WaitForAsync(string path, LockWait wait, Func<string, FileLock?> tryTake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var clock = Stopwatch.StartNew();
        var pause = wait.FirstPause;
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        while (true)
        {
            if (tryTake(full) is { } acquired)
            {
                return acquired;
            }
            if (clock.Elapsed >= wait.Timeout)
            {
                throw Held(full, wait);
            }
            await Task.Delay(Jitter(pause), cancellationToken).ConfigureAwait(false);
            pause = Next(pause, wait);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The handle is the returned lock's; disposing the lock closes it.")]
    private static FileLock? TryOpenShared(string full)
    {
        try
        {
            // A read-only open cannot create the file; this one may meet an exclusive holder, who then made it.
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
            }
        }
        catch (IOException) when (File.Exists(full))
        {
        }
        try
        {
            return new FileLock(full, new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (IOException)
        {
            return null;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The handle is the returned lock's; disposing the lock closes it.")]
    private static FileLock? TryOpen(string full, string purpose)
    {
        FileStream handle;
        try
        {
            handle = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        try
        {
            handle.SetLength(0);
            handle.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId} ({purpose}) since {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\n")));
            handle.Flush();
            return new FileLock(full, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static FileLockedException Held(string path, LockWait wait)
    {
        var holder = ReadHolder(path);
        return new FileLockedException(path, holder, wait.Timeout);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394", Justification = "Jitter between lock attempts, not a secret.")]
    private static TimeSpan Jitter(TimeSpan pause) =>
        TimeSpan.FromMilliseconds(pause.TotalMilliseconds * (1 + Random.Shared.NextDouble()));

    private static TimeSpan Next(TimeSpan pause, LockWait wait) =>
        pause * 2 < wait.MaximumPause ? pause * 2 : wait.MaximumPause;
}

/// <summary>A lock stayed held past the wait policy. <see cref="Holder"/> is what the holder wrote about itself.</summary>
public sealed class FileLockedException : IOException
{
    public FileLockedException(string path, string? holder, TimeSpan waited)
        : base(holder is null
            ? $"{path} is locked by another process (waited {waited.TotalSeconds:0.#} s)."
            : $"{path} is locked by {holder} (waited {waited.TotalSeconds:0.#} s).")
    {
        LockPath = path;
        Holder = holder;
        Waited = waited;
    }

    public FileLockedException() { }

    public FileLockedException(string message) : base(message) { }

    public FileLockedException(string message, Exception inner) : base(message, inner) { }

    public string LockPath { get; } = "";

    public string? Holder { get; }

    public TimeSpan Waited { get; }
}
