using CamBuild.Common;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>Timing and diagnostics of the provider; the defaults suit a real cluster.</summary>
public sealed record ProxmoxProviderOptions
{
    /// <summary>Six attempts, 0.5 s doubling to 10 s, with jitter; what is retried is <see cref="Api.TransientErrors"/>'s rule.</summary>
    public RetryPolicy Retry { get; init; } = new(6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
    public TimeSpan TaskFirstPoll { get; init; } = TimeSpan.FromMilliseconds(300);
    public TimeSpan TaskMaxPoll { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan TicketRenewAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long to wait for a config lock held by another task before destroying or adopting a CT.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Create attempts with a fresh VMID when another client took the one we picked.</summary>
    public int VmidAttempts { get; init; } = 8;

    /// <summary>Progress lines (never secrets).</summary>
    public Action<string>? Log { get; init; }
}
