namespace CamBuild.Release.Store;

/// <summary>
/// Exclusive lock on <c>channels/&lt;channel&gt;.lock</c> (a <see cref="FileLock"/>): promotions to one channel queue
/// up for at most the timeout; the holder (pid, since when) is in the inner exception.
/// </summary>
internal static class ChannelLock
{
    public static IDisposable Acquire(string lockPath, TimeSpan timeout)
    {
        try
        {
            return FileLock.Acquire(lockPath, LockWait.UpTo(timeout), "promoting to " + Path.GetFileNameWithoutExtension(lockPath));
        }
        catch (FileLockedException e)
        {
            throw new IOException(
                $"{lockPath}: another promotion to this channel has held the lock for more than {timeout.TotalSeconds:0} s; wait for it to finish and promote again.", e);
        }
    }
}
