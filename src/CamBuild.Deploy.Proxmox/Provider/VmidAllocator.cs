namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>
/// Picks VMIDs for parallel creates. Proxmox's <c>/cluster/nextid</c> reserves nothing, so ids handed out in this
/// process are remembered until their create call has answered, and the next candidate is probed with
/// <c>nextid?vmid=N</c>. Other clients can still race; the caller retries on "already exists".
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds a kernel handle only once AvailableWaitHandle is read, which this class never does.")]
internal sealed class VmidAllocator
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<int> _pending = [];

    public async Task<int> AllocateAsync(Api.ProxmoxApi api, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            int candidate;
            if (_pending.Count == 0)
            {
                candidate = await api.GetNextIdAsync(ct).ConfigureAwait(false);
            }
            else
            {
                // nextid would answer an id still being created here; probe past the pending ones instead.
                candidate = _pending.Max() + 1;
                while (!await api.IsVmidFreeAsync(candidate, ct).ConfigureAwait(false)) candidate++;
            }
            _pending.Add(candidate);
            return candidate;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The create call for <paramref name="vmid"/> has answered: the cluster now knows whether it is taken.</summary>
    public void Release(int vmid)
    {
        _gate.Wait();
        try { _pending.Remove(vmid); }
        finally { _gate.Release(); }
    }
}
