namespace CamBuild.Deploy.State;

/// <summary>
/// Exclusive per-environment lock <c>&lt;state&gt;/&lt;env&gt;.lock</c> (a <see cref="FileLock"/>, released by the kernel
/// even when the holder crashes). A second deploy or teardown of the same environment fails at once, naming the holder.
/// </summary>
public static class EnvironmentLock
{
    /// <param name="purpose">What the holder does, written into the lock for a refused second run to name
    /// (default: deploying or tearing down the environment).</param>
    public static IDisposable Acquire(string stateDirectory, string environment, string? purpose = null)
    {
        var path = Path.Combine(stateDirectory, environment + ".lock");
        try
        {
            return FileLock.Acquire(path, LockWait.NoWait, purpose ?? $"deploying or tearing down '{environment}'");
        }
        catch (FileLockedException exception)
        {
            var holder = exception.Holder is null ? "" : $" ({exception.Holder})";
            throw new EnvironmentLockedException(
                $"environment '{environment}' is being deployed or torn down by another process{holder} (lock {path}); " +
                "wait for it to finish and run again", exception);
        }
    }
}

internal sealed class EnvironmentLockedException(string message, Exception inner) : InvalidOperationException(message, inner);
