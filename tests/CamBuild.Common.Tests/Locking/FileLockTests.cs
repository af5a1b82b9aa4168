using System.Diagnostics;

namespace CamBuild.Common.Tests.Locking;

public sealed class FileLockTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cambuild-common-lock-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string LockPath => Path.Combine(_directory.FullName, "sub", "x.lock");

    [Fact]
    public void A_held_lock_refuses_a_second_holder_and_names_the_first()
    {
        using (FileLock.Acquire(LockPath, LockWait.NoWait, "deploying lab"))
        {
            var error = Assert.Throws<FileLockedException>(() => FileLock.Acquire(LockPath, LockWait.NoWait, "tearing down lab"));

            Assert.Contains($"pid {Environment.ProcessId} (deploying lab) since ", error.Message, StringComparison.Ordinal);
            Assert.StartsWith($"{Path.GetFullPath(LockPath)} is locked by pid ", error.Message, StringComparison.Ordinal);
            Assert.Equal(error.Holder, FileLock.ReadHolder(LockPath));
        }

        using var again = FileLock.Acquire(LockPath, LockWait.NoWait, "again");
        Assert.Contains("(again)", FileLock.ReadHolder(LockPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_holders_coexist_and_exclude_an_exclusive_holder_until_the_last_one_leaves()
    {
        var first = await FileLock.AcquireSharedAsync(LockPath, LockWait.NoWait, CancellationToken.None);
        using (var second = await FileLock.AcquireSharedAsync(LockPath, LockWait.NoWait, CancellationToken.None))
        {
            Assert.Throws<FileLockedException>(() => FileLock.Acquire(LockPath, LockWait.NoWait, "collecting"));
            first.Dispose();
            Assert.Throws<FileLockedException>(() => FileLock.Acquire(LockPath, LockWait.NoWait, "collecting"));
        }

        using (FileLock.Acquire(LockPath, LockWait.NoWait, "collecting"))
        {
            await Assert.ThrowsAsync<FileLockedException>(() => FileLock.AcquireSharedAsync(LockPath, LockWait.NoWait, CancellationToken.None));
        }

        using var after = await FileLock.AcquireSharedAsync(LockPath, LockWait.NoWait, CancellationToken.None);
    }

    [Fact]
    public void A_waiter_gives_up_after_its_timeout_not_before()
    {
        using var held = FileLock.Acquire(LockPath, LockWait.NoWait, "holding");
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<FileLockedException>(() => FileLock.Acquire(LockPath, LockWait.UpTo(TimeSpan.FromMilliseconds(300)), "waiting"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Waited);
    }

    [Fact]
    public async Task A_waiter_gets_the_lock_when_the_holder_lets_go()
    {
        var held = FileLock.Acquire(LockPath, LockWait.NoWait, "holding");
        var waiter = FileLock.AcquireAsync(LockPath, LockWait.UpTo(TimeSpan.FromSeconds(20)), "waiting", CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiter.IsCompleted);

        held.Dispose();

        using var acquired = await waiter;
        Assert.Contains("(waiting)", FileLock.ReadHolder(LockPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_can_be_cancelled()
    {
        using var held = FileLock.Acquire(LockPath, LockWait.NoWait, "holding");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FileLock.AcquireAsync(LockPath, LockWait.UpTo(TimeSpan.FromMinutes(5)), "waiting", cancel.Token));
    }
}
