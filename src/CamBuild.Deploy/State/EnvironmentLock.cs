namespace CamBuild.Deploy.State;

/// <summary>
/// Exclusive per-environment lock <c>&lt;state&gt;/&lt;env&gt;.lock</c> (a <see cref="FileLock"/>, released by the kernel
/// even when the holder crashes). A second deploy or teardown of the same environment fails at once, naming the holder.
/// </summary>
public static class EnvironmentLock
{
    public static IDisposable Acquire(string stateDirectory, string environment)
    {
        var path = Path.Combine(stateDirectory, environment + ".lock");
        try
        {
            return FileLock.Acquire(path, LockWait.NoWait, $"deploying or tearing down '{environment}'");
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
