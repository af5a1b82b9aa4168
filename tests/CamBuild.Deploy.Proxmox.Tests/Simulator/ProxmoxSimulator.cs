using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CamBuild.Deploy.Proxmox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>
/// A Proxmox VE API on https://127.0.0.1:&lt;port&gt;/api2/json: envelope, error shapes and reason phrases, token
/// and ticket auth, task semantics, and validation of every request against the official schema.
/// </summary>
public sealed class ProxmoxSimulator : IAsyncDisposable
{
    public const string TokenId = "cambuild@pve!deploy";
    public const string TokenSecret = "5d9a3c1e-7f2b-4c1a-9e8d-0b6f4a2c7e31";
    public const string UserName = "cambuild@pve";
    public const string Password = "sim-password-42";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private int _calls;

    private ProxmoxSimulator(WebApplication app, X509Certificate2 certificate, SimCluster cluster)
    {
        _app = app;
        _certificate = certificate;
        Cluster = cluster;
    }

    public SimCluster Cluster { get; }
    public SimAuth Auth { get; } = new();
    public Uri Url { get; private set; } = null!;
    public string Fingerprint => TlsPolicy.FingerprintOf(_certificate);
    public TimeSpan Latency { get; set; }
    public int Calls => Volatile.Read(ref _calls);
    public ConcurrentQueue<SimRequest> Requests { get; } = new();
    public ConcurrentQueue<SchemaViolation> Violations { get; } = new();
    public ConcurrentQueue<string> InternalErrors { get; } = new();

    public static async Task<ProxmoxSimulator> StartAsync(params string[] members)
    {
        var certificate = SelfSignedCertificate.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));
            k.Limits.MaxRequestBodySize = 512L << 20;
        });
        var app = builder.Build();
        var simulator = new ProxmoxSimulator(app, certificate, new SimCluster(members.Length == 0 ? ["pve1", "pve2", "pve3"] : members));
        simulator.Auth.Tokens[TokenId] = TokenSecret;
        simulator.Auth.Passwords[UserName] = Password;
        var router = new SimRouter(simulator);
        app.Run(router.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        simulator.Url = new Uri(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return simulator;
    }

    internal void Count() => Interlocked.Increment(ref _calls);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _calls, 0);
        Requests.Clear();
    }

    /// <summary>Fails the calling test when any request broke the schema or hit a simulator bug.</summary>
    public void AssertClean()
    {
        Assert.True(Violations.IsEmpty, "requests the Proxmox schema rejects:\n" + string.Join('\n', Violations));
        Assert.True(InternalErrors.IsEmpty, "simulator errors:\n" + string.Join('\n', InternalErrors));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }

    internal static async Task WriteAsync(HttpContext context, int status, string? reason, object? body)
    {
        context.Response.StatusCode = status;
        if (reason is not null) context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
        if (body is null) return;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }
}
