using CamBuild.Common;
using System.Net;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

public sealed class ClientTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private ProxmoxSimulator Sim => fixture.Sim;

    private ProxmoxApi Api(IRequestAuthenticator? auth = null, TlsPolicy? tls = null, RetryPolicy? retry = null) =>
        new(new ProxmoxTransport(Sim.Url, auth ?? new ApiTokenAuthenticator(ProxmoxSimulator.TokenId, ProxmoxSimulator.TokenSecret),
            tls ?? TlsPolicy.Pinned(Sim.Fingerprint), retry ?? new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), new MemberThrottle(2)));

    [Fact]
    public async Task Pinned_fingerprint_connects_and_reads_version()
    {
        var version = await Api().GetVersionAsync(CancellationToken.None);
        Assert.Equal("9.1", version.Release);
    }

    [Fact]
    public async Task Wrong_fingerprint_and_default_trust_both_refuse_the_self_signed_certificate()
    {
        var wrong = string.Join(':', Enumerable.Repeat("AB", 32));
        var pinned = await Assert.ThrowsAsync<ProxmoxTlsException>(() => Api(tls: TlsPolicy.Pinned(wrong)).GetVersionAsync(CancellationToken.None));
        Assert.Equal(HttpRequestError.SecureConnectionError, Assert.IsType<HttpRequestException>(pinned.InnerException).HttpRequestError);
        Assert.Contains($"tls_fingerprint pins {wrong}", pinned.Message, StringComparison.Ordinal);
        var untrusted = await Assert.ThrowsAsync<ProxmoxTlsException>(() => Api(tls: TlsPolicy.SystemTrust).GetVersionAsync(CancellationToken.None));
        Assert.Contains("is not trusted by this machine", untrusted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_token_secret_is_401_without_the_secret_in_the_message()
    {
        var error = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            Api(new ApiTokenAuthenticator(ProxmoxSimulator.TokenId, "wrong-secret-value")).GetVersionAsync(CancellationToken.None));
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_auth_sends_csrf_token_and_renews()
    {
        var auth = new TicketAuthenticator(ProxmoxSimulator.UserName, ProxmoxSimulator.Password) { RenewAfter = TimeSpan.FromMilliseconds(200) };
        var api = Api(auth);
        var renewals = Sim.Auth.Renewals;
        await api.GetVersionAsync(CancellationToken.None);
        var config = (await api.GetClusterResourcesAsync("node", CancellationToken.None)).Count;
        Assert.Equal(3, config);
        await Task.Delay(300);
        await api.GetVersionAsync(CancellationToken.None);
        Assert.True(Sim.Auth.Renewals > renewals, "the ticket was not renewed");
        Assert.Equal(2, auth.Logins);
    }

    [Fact]
    public async Task Ticket_without_csrf_token_is_refused_for_writes()
    {
        var login = await Api(new TicketAuthenticator(ProxmoxSimulator.UserName, ProxmoxSimulator.Password)).Transport
            .LoginAsync(ProxmoxSimulator.UserName, ProxmoxSimulator.Password, CancellationToken.None);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, c, _, e) => TlsPolicy.Pinned(Sim.Fingerprint).Accept(c, e) } };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Sim.Url, "/api2/json/nodes/pve1/lxc/100/status/start"));
        request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(login.GetProperty("ticket").GetString()!));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Permission denied - invalid csrf token", response.ReasonPhrase);
    }

    [Fact]
    public async Task Schema_rejects_unknown_missing_and_badly_formatted_parameters()
    {
        var transport = Api().Transport;
        var unknown = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            transport.SendAsync(HttpMethod.Post, "/nodes/pve1/lxc", [new("vmid", "100"), new("ostemplate", "local:vztmpl/x.tar.zst"), new("colour", "red")], CancellationToken.None));
        Assert.Equal(400, unknown.StatusCode);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", unknown.Errors["colour"]);
        var missing = await Assert.ThrowsAsync<ProxmoxApiException>(() => transport.SendAsync(HttpMethod.Post, "/nodes/pve1/lxc", [new("vmid", "100")], CancellationToken.None));
        Assert.Equal("property is missing and it is not optional", missing.Errors["ostemplate"]);
        var badNet = await Assert.ThrowsAsync<ProxmoxApiException>(() => transport.SendAsync(HttpMethod.Post, "/nodes/pve1/lxc",
            [new("vmid", "100"), new("ostemplate", "local:vztmpl/x.tar.zst"), new("net0", "name=eth0,bridge=vmbr0,colour=red"), new("arch", "sparc")], CancellationToken.None));
        Assert.True(badNet.Errors.ContainsKey("net0"), badNet.Message);
        Assert.Contains("invalid key in comma-separated list property: colour", badNet.Errors["net0"], StringComparison.Ordinal);
        Assert.Contains("does not have a value in the enumeration", badNet.Errors["arch"], StringComparison.Ordinal);
        var notFound = await Assert.ThrowsAsync<ProxmoxApiException>(() => transport.GetAsync("/nodes/pve1/colours", null, CancellationToken.None));
        Assert.Equal(501, notFound.StatusCode);
        // The simulator keeps every violation; AssertClean is what makes a provider test fail on them.
        Assert.True(Sim.Violations.Count >= 3);
        Assert.ThrowsAny<Exception>(Sim.AssertClean);
        Sim.Violations.Clear();
    }

    [Fact]
    public async Task Unknown_task_and_bad_upid_are_400()
    {
        var error = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            Api().GetTaskStatusAsync(Upid.Parse("UPID:pve1:00000001:00000002:00000003:vzstart:100:root@pam:"), CancellationToken.None));
        Assert.Equal("no such task", error.Errors["upid"]);
    }

    [Fact]
    public async Task Transient_595_is_retried_then_succeeds()
    {
        Sim.ResetCounters();
        Sim.Cluster.Faults.FailRequests("GET", "^/nodes/pve2/storage/local/content$", 2, 595, "Errors during connection establishment, proxy handshake");
        var api = Api(retry: new RetryPolicy(4, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)));
        Assert.NotNull(await api.ListStorageContentAsync("pve2", "local", "vztmpl", CancellationToken.None));
        // Two answers of 595, then the one that succeeded: exactly three attempts reached the cluster.
        Assert.Equal(3, Sim.Requests.Count(r => r.Method == "GET" && r.Path == "/nodes/pve2/storage/local/content"));
    }

    [Fact]
    public async Task Retries_stop_at_the_policy_limit()
    {
        Sim.ResetCounters();
        Sim.Cluster.Faults.FailRequests("GET", "^/nodes/pve1/storage/local/content$", 3, 595, "Errors during connection establishment, proxy handshake");
        var api = Api(retry: new RetryPolicy(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)));
        await Assert.ThrowsAsync<ProxmoxApiException>(() => api.ListStorageContentAsync("pve1", "local", "vztmpl", CancellationToken.None));
        Assert.Equal(3, Sim.Requests.Count(r => r.Method == "GET" && r.Path == "/nodes/pve1/storage/local/content"));
    }
}
