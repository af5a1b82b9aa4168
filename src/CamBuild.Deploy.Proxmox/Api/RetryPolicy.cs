namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>Bounded retries with exponential back-off and jitter for errors <see cref="TransientErrors"/> names.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    /// <summary>Half the capped exponential delay plus a random half, so parallel clients drift apart.</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(cap / 2 + Random.Shared.NextDouble() * cap / 2);
    }

    /// <param name="onRetry">Attempt that failed, its error and the delay before the next one.</param>
    public async Task<T> ExecuteAsync<T>(Func<Task<T>> action, Action<int, Exception, TimeSpan>? onRetry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < MaxAttempts && TransientErrors.IsTransient(error, cancellationToken))
            {
                var delay = DelayBefore(attempt);
                onRetry?.Invoke(attempt, error, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
