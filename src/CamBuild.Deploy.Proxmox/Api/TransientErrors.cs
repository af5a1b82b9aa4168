namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>Which failures are worth another try: lock contention, 5xx, 595/596 and dropped connections.</summary>
internal static class TransientErrors
{
    private static readonly string[] LockMessages = ["is locked", "can't lock file", "got timeout", "trying to acquire lock"];

    // 500s that describe the state of things: retrying cannot change the answer.
    private static readonly string[] PermanentMessages =
        ["already exists", "already running", "not running", "does not exist", "no such", "not implemented", "permission", "not allowed", "is not available", "can't convert"];

    public static bool IsLockContention(ProxmoxApiException error) => LockMessages.Any(error.Mentions);

    public static bool IsTransient(Exception error, CancellationToken callerToken) => error switch
    {
        ProxmoxApiException api when IsLockContention(api) => true,
        ProxmoxApiException api when api.StatusCode is 595 or 596 or 502 or 503 or 504 => true,
        ProxmoxApiException api when api.StatusCode == 500 => !PermanentMessages.Any(api.Mentions),
        ProxmoxApiException => false,
        HttpRequestException http => http.HttpRequestError != HttpRequestError.SecureConnectionError,
        TaskCanceledException or TimeoutException => !callerToken.IsCancellationRequested,
        IOException => true,
        _ => false,
    };
}
