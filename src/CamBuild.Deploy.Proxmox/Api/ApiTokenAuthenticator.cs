namespace CamBuild.Deploy.Proxmox.Api;

/// <summary><c>Authorization: PVEAPIToken=user@realm!name=secret</c>; stateless, no CSRF token needed.</summary>
internal sealed class ApiTokenAuthenticator(string tokenId, string secret) : IRequestAuthenticator
{
    private readonly string _header = $"PVEAPIToken={tokenId}={secret}";

    public Task AuthenticateAsync(HttpRequestMessage request, bool mutating, ProxmoxTransport transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation("Authorization", _header);
        return Task.CompletedTask;
    }

    public Task<bool> RefreshAsync(ProxmoxTransport transport, CancellationToken cancellationToken) => Task.FromResult(false);

    public override string ToString() => $"API token {tokenId}";
}
