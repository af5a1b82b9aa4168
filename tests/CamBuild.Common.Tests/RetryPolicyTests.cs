using CamBuild.Common;

namespace CamBuild.Common.Tests;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_double_up_to_the_cap_and_jitter_stays_in_the_upper_half()
    {
        var exact = new RetryPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350), Jitter: false);
        var jittered = exact with { Jitter = true };

        Assert.Equal([100, 200, 350, 350], Enumerable.Range(1, 4).Select(r => exact.DelayBefore(r).TotalMilliseconds));
        for (var retry = 1; retry <= 4; retry++)
        {
            var cap = exact.DelayBefore(retry).TotalMilliseconds;
            Assert.All(Enumerable.Range(0, 50), _ => Assert.InRange(jittered.DelayBefore(retry).TotalMilliseconds, cap / 2, cap));
        }
    }

    [Fact]
    public async Task Transient_errors_are_retried_until_the_attempts_are_used_up_and_the_last_error_is_thrown()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        var calls = 0;
        var retried = new List<int>();

        var error = await Assert.ThrowsAsync<IOException>(() => policy.ExecuteAsync<int>(
            _ => throw new IOException($"attempt {++calls}"), e => e is IOException, CancellationToken.None,
            onRetry: (attempt, _, _) => retried.Add(attempt)));

        Assert.Equal(3, calls);
        Assert.Equal("attempt 3", error.Message);
        Assert.Equal([1, 2], retried);
    }

    [Fact]
    public async Task A_permanent_error_is_thrown_at_once()
    {
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new RetryPolicy(5, TimeSpan.Zero, TimeSpan.Zero).ExecuteAsync<int>(
            _ => { calls++; throw new InvalidOperationException("permanent"); }, e => e is IOException, CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_transient_result_is_retried_and_the_last_result_returned()
    {
        var calls = 0;

        var result = await new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)).ExecuteAsync(
            _ => Task.FromResult(++calls), _ => false, CancellationToken.None, isTransientResult: n => n < 3);
        var exhausted = await new RetryPolicy(2, TimeSpan.Zero, TimeSpan.Zero).ExecuteAsync(
            _ => Task.FromResult(503), _ => false, CancellationToken.None, isTransientResult: status => status >= 500);

        Assert.Equal(3, result);
        Assert.Equal(503, exhausted);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var calls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RetryPolicy(5, TimeSpan.Zero, TimeSpan.Zero).ExecuteAsync<int>(
            token => { calls++; token.ThrowIfCancellationRequested(); return Task.FromResult(0); }, _ => true, cancelled.Token));

        Assert.True(calls <= 1);
    }
}
