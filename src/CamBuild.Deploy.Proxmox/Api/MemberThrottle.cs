using System.Collections.Concurrent;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// Caps concurrent mutating calls per cluster member: pvedaemon has few workers and a call waiting for a config
/// lock holds one for up to 10 s, so unbounded parallelism turns into lock timeouts.
/// </summary>
internal sealed class MemberThrottle(int maxConcurrentPerMember)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private int _peak;
    private int _current;

    public int MaxConcurrentPerMember { get; } = maxConcurrentPerMember;

    /// <summary>Highest number of mutating calls seen in flight across all members at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public async Task<IDisposable> EnterAsync(string member, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(member, _ => new SemaphoreSlim(MaxConcurrentPerMember, MaxConcurrentPerMember));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
        return new Lease(this, gate);
    }

    private sealed class Lease(MemberThrottle owner, SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            Interlocked.Decrement(ref owner._current);
            gate.Release();
        }
    }
}
