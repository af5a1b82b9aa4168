namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>Adds credentials to API requests (API token or ticket with CSRF token).</summary>
internal interface IRequestAuthenticator
{
    Task AuthenticateAsync(HttpRequestMessage request, bool mutating, ProxmoxTransport transport, CancellationToken cancellationToken);

    /// <summary>Called after a 401; true when fresh credentials were obtained and the call may be repeated once.</summary>
    Task<bool> RefreshAsync(ProxmoxTransport transport, CancellationToken cancellationToken);
}
