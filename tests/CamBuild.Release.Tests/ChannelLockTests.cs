using CamBuild.Release.Gate;
using CamBuild.Release.Store;
using static CamBuild.Release.Tests.Records;

namespace CamBuild.Release.Tests;

public sealed class ChannelLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Promotion_waits_for_the_channel_lock_and_gives_up_with_a_clear_message()
    {
        var qualifications = _temp.Combine("q");
        Write(qualifications, Passing(Hash('a'), Hash('b')));
        var approval = PromotionGate.Admit(Hash('a'), Hash('c'), Hash('b'), Hash('5'), qualifications);
        var store = new ReleaseStore(_temp.Combine("releases"), TimeSpan.FromMilliseconds(300));
        Directory.CreateDirectory(store.ChannelsDirectory);
        var lockPath = Path.Combine(store.ChannelsDirectory, "staging.lock");

        using (ChannelLock.Acquire(lockPath, TimeSpan.FromSeconds(1)))
        {
            var e = Assert.Throws<IOException>(() => store.Promote("staging", approval));
            Assert.Equal($"{lockPath}: another promotion to this channel has held the lock for more than 0 s; wait for it to finish and promote again.", e.Message);
        }

        Assert.Equal(PromotionKind.Promoted, store.Promote("staging", approval).Kind);
        Assert.Equal(ReleaseStore.DefaultActor, store.Current("staging")!.PromotedBy);
    }
}
