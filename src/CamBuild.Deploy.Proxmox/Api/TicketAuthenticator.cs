namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// Ticket login (<c>POST /access/ticket</c>): cookie <c>PVEAuthCookie</c> on every call, <c>CSRFPreventionToken</c>
/// on every non-GET call. Tickets live 2 h; renewed (password = current ticket) once older than <see cref="RenewAfter"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds a kernel handle only once AvailableWaitHandle is read, which this class never does.")]
internal sealed class TicketAuthenticator(string username, string password, TimeProvider? clock = null) : IRequestAuthenticator
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _ticket;
    private string? _csrf;
    private DateTimeOffset _issued;

    public TimeSpan RenewAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Number of successful logins and renewals, for tests and diagnostics.</summary>
    public int Logins { get; private set; }

    public async Task AuthenticateAsync(HttpRequestMessage request, bool mutating, ProxmoxTransport transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transport);
        if (_ticket is null || _clock.GetUtcNow() - _issued >= RenewAfter)
            await LoginAsync(transport, renew: _ticket is not null, cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(_ticket!));
        if (mutating) request.Headers.TryAddWithoutValidation("CSRFPreventionToken", _csrf);
    }

    public async Task<bool> RefreshAsync(ProxmoxTransport transport, CancellationToken cancellationToken)
    {
        _ticket = null;
        await LoginAsync(transport, renew: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task LoginAsync(ProxmoxTransport transport, bool renew, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ticket is not null && _clock.GetUtcNow() - _issued < RenewAfter) return;
            System.Text.Json.JsonElement data;
            try
            {
                data = await transport.LoginAsync(username, renew ? _ticket! : password, cancellationToken).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (renew && error.StatusCode == 401)
            {
                data = await transport.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
            }
            (_ticket, _csrf) = ProxmoxAnswers.Ticket(data);
            _issued = _clock.GetUtcNow();
            Logins++;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override string ToString() => $"ticket for {username}";
}
