using CamBuild.Common.Caching;

namespace CamBuild.Common.Tests.Caching;

public sealed class CollectionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static CacheEntry Entry(string id, long bytes, int daysAgo) => new(id, bytes, Now.AddDays(-daysAgo));

    private static readonly HashSet<string> Nothing = [];

    [Fact]
    public void Under_the_limit_nothing_is_removed()
    {
        var plan = CollectionPlanner.Plan([Entry("a", 10, 9), Entry("b", 10, 1)], Nothing, 20);

        Assert.Empty(plan.Remove);
        Assert.Equal(20, plan.BytesAfter);
    }

    [Fact]
    public void Past_the_limit_the_least_recently_used_go_first_and_only_until_the_cache_fits()
    {
        var plan = CollectionPlanner.Plan([Entry("new", 10, 1), Entry("oldest", 10, 30), Entry("old", 10, 7), Entry("middle", 10, 3)], Nothing, 25);

        Assert.Equal(["oldest", "old"], plan.Remove.Select(e => e.Id));
        Assert.Equal(40, plan.BytesBefore);
        Assert.Equal(20, plan.BytesAfter);
        Assert.False(plan.StillOverLimit);
    }

    [Fact]
    public void A_needed_entry_stays_however_old_and_the_next_unneeded_one_goes_instead()
    {
        var plan = CollectionPlanner.Plan([Entry("base-of-release", 100, 90), Entry("stale-stage", 30, 10), Entry("fresh", 30, 0)],
            new HashSet<string> { "base-of-release" }, 140);

        Assert.Equal(["stale-stage"], plan.Remove.Select(e => e.Id));
        Assert.Equal(["base-of-release"], plan.KeptNeeded.Select(e => e.Id));
    }

    [Fact]
    public void Limit_zero_removes_every_unneeded_entry_and_says_when_the_needed_ones_alone_are_over()
    {
        var plan = CollectionPlanner.Plan([Entry("needed", 50, 5), Entry("x", 1, 1), Entry("y", 1, 2)], new HashSet<string> { "needed" }, 0);

        Assert.Equal(["y", "x"], plan.Remove.Select(e => e.Id));
        Assert.Equal(50, plan.BytesAfter);
        Assert.True(plan.StillOverLimit);
    }

    [Fact]
    public void Entries_used_at_the_same_time_go_in_id_order_so_the_plan_is_the_same_every_time()
    {
        var plan = CollectionPlanner.Plan([Entry("c", 10, 4), Entry("a", 10, 4), Entry("b", 10, 4)], Nothing, 10);

        Assert.Equal(["a", "b"], plan.Remove.Select(e => e.Id));
    }
}
