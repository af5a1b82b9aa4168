namespace CamBuild.Common.Caching;

/// <summary>One entry of the machine cache: its id (path relative to the cache root), size and when it was last used.</summary>
public sealed record CacheEntry(string Id, long Bytes, DateTimeOffset LastUsed);

/// <summary>What a collection removes and keeps, and the size before and after.</summary>
public sealed record CollectionPlan(IReadOnlyList<CacheEntry> Remove, IReadOnlyList<CacheEntry> KeptNeeded, long BytesBefore, long BytesAfter, long Limit)
{
    /// <summary>True when the entries that something still needs are more than the limit by themselves.</summary>
    public bool StillOverLimit => BytesAfter > Limit;
}

/// <summary>
/// The pure part of garbage collection: given every entry, the ids that a retained candidate, a release or a running
/// environment needs, and a size limit, removes the least recently used entries nobody needs until the cache fits.
/// </summary>
public static class CollectionPlanner
{
    public static CollectionPlan Plan(IEnumerable<CacheEntry> entries, IReadOnlySet<string> needed, long limit)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(needed);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var all = entries.ToList();
        var before = all.Sum(e => e.Bytes);
        var total = before;
        var remove = new List<CacheEntry>();
        // Oldest use first; equal times by id so that the same inventory gives the same plan.
        foreach (var entry in all.Where(e => !needed.Contains(e.Id)).OrderBy(e => e.LastUsed).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (total <= limit) break;
            remove.Add(entry);
            total -= entry.Bytes;
        }
        var kept = all.Where(e => needed.Contains(e.Id)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        return new CollectionPlan(remove, kept, before, total, limit);
    }
}
