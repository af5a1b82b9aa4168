using Polly;
using Polly.Retry;

namespace CamBuild.Common;

/// <summary>
/// The one retry rule of the house, run by Polly: at most <see cref="MaxAttempts"/> attempts; before retry n the delay
/// is <see cref="BaseDelay"/>·2^(n-1) capped at <see cref="MaxDelay"/>, and with <see cref="Jitter"/> half of it fixed
/// and half random so parallel clients drift apart. What counts as transient is the caller's rule.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, bool Jitter = true)
{
    /// <summary>One attempt, no retry.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Delay before retry <paramref name="retry"/> (1 = after the first failed attempt).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394", Justification = "Jitter between retries, not a secret.")]
    public TimeSpan DelayBefore(int retry)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(Jitter ? cap / 2 + Random.Shared.NextDouble() * cap / 2 : cap);
    }

    /// <summary>
    /// Runs <paramref name="action"/> until it succeeds, fails with an error <paramref name="isTransient"/> refuses,
    /// returns a result <paramref name="isTransientResult"/> refuses, or the attempts are used up (then the last
    /// error is thrown or the last result returned). <paramref name="onRetry"/> gets the failed attempt's number and
    /// its error or result before the delay; <paramref name="onRetryDelay"/> the same attempt's error and the delay
    /// chosen before the next attempt (for logs that say when the next try comes).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> action,
        Func<Exception, bool> isTransient,
        CancellationToken cancellationToken,
        Func<T, bool>? isTransientResult = null,
        Action<int, Exception?, T?>? onRetry = null,
        Action<int, Exception?, TimeSpan>? onRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(isTransient);
        if (MaxAttempts <= 1)
            return await action(cancellationToken).ConfigureAwait(false);
        var pipeline = new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } error
                    ? error is not OperationCanceledException || !cancellationToken.IsCancellationRequested ? isTransient(error) : false
                    : isTransientResult?.Invoke(arguments.Outcome.Result!) ?? false),
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(DelayBefore(arguments.AttemptNumber + 1)),
                OnRetry = arguments =>
                {
                    onRetry?.Invoke(arguments.AttemptNumber + 1, arguments.Outcome.Exception, arguments.Outcome.Result);
                    onRetryDelay?.Invoke(arguments.AttemptNumber + 1, arguments.Outcome.Exception, arguments.RetryDelay);
                    return default;
                },
            })
            .Build();
        return await pipeline.ExecuteAsync(async token => await action(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }
}
