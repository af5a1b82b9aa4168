namespace CamBuild.Common;

/// <summary>
/// The one lock-wait policy: how long to wait for a held lock before giving up with a message naming the holder.
/// <see cref="NoWait"/> fails at once (a second deploy of the same environment is a mistake, not a queue).
/// </summary>
public sealed record LockWait(TimeSpan Timeout)
{
    public static readonly LockWait NoWait = new(TimeSpan.Zero);

    public static LockWait UpTo(TimeSpan timeout) => new(timeout);

    /// <summary>First pause between attempts; doubles (with jitter) up to <see cref="MaximumPause"/>.</summary>
    public TimeSpan FirstPause { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaximumPause { get; init; } = TimeSpan.FromMilliseconds(200);
}
