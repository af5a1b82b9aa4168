namespace CamBuild.Deploy.State;

/// <summary>
/// Exclusive per-environment lock: <c>&lt;state&gt;/&lt;env&gt;.lock</c> held with flock (what .NET does on Unix for
/// <see cref="FileShare.None"/>), so it is released by the kernel even when the holder crashes.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    private readonly FileStream stream;

    private EnvironmentLock(FileStream stream) => this.stream = stream;

    public static EnvironmentLock Acquire(string stateDirectory, string environment)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, environment + ".lock");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            var holder = ReadHolder(path);
            throw new EnvironmentLockedException(
                $"environment '{environment}' is being deployed or torn down by another process{holder} (lock {path}); " +
                "wait for it to finish and run again", exception);
        }
        stream.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
        stream.Write(pid);
        stream.Flush();
        return new EnvironmentLock(stream);
    }

    public void Dispose() => stream.Dispose();

    private static string ReadHolder(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            var pid = text.ReadLine()?.Trim();
            return string.IsNullOrEmpty(pid) ? "" : $" (pid {pid})";
        }
        catch (IOException)
        {
            return "";
        }
    }
}

public sealed class EnvironmentLockedException(string message, Exception inner) : InvalidOperationException(message, inner);
