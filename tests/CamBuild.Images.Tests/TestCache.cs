using CamBuild.Images.Os;

namespace CamBuild.Images.Tests;

/// <summary>
/// Shared, persistent test cache so re-runs are fast: the OS lock (refreshed daily, the mirror moves) and the
/// deb store and base images keyed by input hash.
/// </summary>
public sealed class TestCache
{
    public static readonly string Root = Directory.CreateDirectory("/var/tmp/cambuild-images-test-cache").FullName;

    public static readonly IReadOnlyList<string> CandidatePackages =
        ["python3", "python3-venv", "systemd-sysv", "ifupdown", "iproute2", "procps", "openssh-server", "ca-certificates"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static OsLock? osLock;
    private static BaseImageResult? baseImage;

    public static string LockPath => Path.Combine(Root, "os-lock.json");

    public static DebStore Debs => new(Path.Combine(Root, "debs"));

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    public static async Task<OsLock> LockAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (osLock is not null) return osLock;
            if (File.Exists(LockPath) && File.GetLastWriteTimeUtc(LockPath) > DateTime.UtcNow.AddDays(-1))
                return osLock = OsLock.Load(LockPath);
            var created = await OsLockBuilder.CreateAsync(new OsLockRequest("bookworm", "amd64", CandidatePackages), Debs, Log);
            created.Save(LockPath);
            return osLock = created;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<BaseImageResult> BaseAsync()
    {
        var l = await LockAsync();
        await Gate.WaitAsync();
        try
        {
            return baseImage ??= await BaseImage.EnsureAsync(l, Root, Log);
        }
        finally
        {
            Gate.Release();
        }
    }
}
