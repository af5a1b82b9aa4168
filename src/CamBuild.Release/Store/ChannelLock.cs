using System.Diagnostics;

namespace CamBuild.Release.Store;

/// <summary>
/// Exclusive lock on <c>channels/&lt;channel&gt;.lock</c>. On Linux .NET takes an flock for <see cref="FileShare.None"/>,
/// which excludes other processes and other handles in this process, and is released by the kernel if the holder dies.
/// </summary>
internal sealed class ChannelLock : IDisposable
{
    private readonly FileStream _handle;

    private ChannelLock(FileStream handle) => _handle = handle;

    public static ChannelLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                return new ChannelLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(Random.Shared.Next(delay, delay * 2));
                delay = Math.Min(delay * 2, 100);
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"{lockPath}: another promotion to this channel has held the lock for more than {timeout.TotalSeconds:0} s; wait for it to finish and promote again.", e);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
