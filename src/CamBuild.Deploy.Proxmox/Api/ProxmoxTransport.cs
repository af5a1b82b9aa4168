using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CamBuild.Common;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// HTTP layer of the Proxmox API: <c>/api2/json</c> envelope, error shapes, authentication, TLS policy, retries of
/// transient failures and the per-member cap on mutating calls.
/// </summary>
public sealed partial class ProxmoxTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly IRequestAuthenticator _auth;
    private readonly RetryPolicy _retry;
    private readonly TlsPolicy _tls;
    private int _calls;

    public ProxmoxTransport(Uri apiUrl, IRequestAuthenticator authenticator, TlsPolicy tls, RetryPolicy retry, MemberThrottle throttle,
        TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentNullException.ThrowIfNull(tls);
        _base = new Uri(apiUrl.GetLeftPart(UriPartial.Authority) + "/api2/json/");
        _auth = authenticator;
        _retry = retry;
        _tls = tls;
        Throttle = throttle;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 32,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => tls.Accept(certificate, errors) },
        };
        _http = new HttpClient(handler) { Timeout = requestTimeout ?? TimeSpan.FromSeconds(120) };
    }

    public MemberThrottle Throttle { get; }

    /// <summary>HTTP requests sent, including retries and logins.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Action<string>? Log { get; init; }

    public Task<JsonElement> GetAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, query, cancellationToken);

    public Task<JsonElement> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? parameters,
        CancellationToken cancellationToken)
    {
        var list = parameters?.ToList() ?? [];
        return SendWithPolicyAsync(method, path, () => BuildRequest(method, path, list), cancellationToken);
    }

    /// <summary>Sends a request whose body is built anew for each attempt (uploads).</summary>
    public Task<JsonElement> SendWithPolicyAsync(HttpMethod method, string path, Func<HttpRequestMessage> build, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(_ => SendOnceAsync(method, path, build, cancellationToken),
            error => TransientErrors.IsTransient(error, cancellationToken), cancellationToken,
            onRetryDelay: (attempt, error, delay) => Log?.Invoke($"retrying {method} {path} in {delay.TotalSeconds:0.0} s " +
                $"(attempt {attempt} of {_retry.MaxAttempts} failed: {error?.Message.Split('\n')[0].Trim()})"));

    internal async Task<JsonElement> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var request = BuildRequest(HttpMethod.Post, "/access/ticket",
            [new("username", username), new("password", password)]);
        Interlocked.Increment(ref _calls);
        using var response = await SendHttpAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, "POST", "/access/ticket", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> SendOnceAsync(HttpMethod method, string path, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var mutating = method != HttpMethod.Get;
        var member = MemberOf(path);
        using var lease = mutating && member is not null ? await Throttle.EnterAsync(member, cancellationToken).ConfigureAwait(false) : null;
        for (var authAttempt = 0; ; authAttempt++)
        {
            using var request = build();
            await _auth.AuthenticateAsync(request, mutating, this, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _calls);
            using var response = await SendHttpAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authAttempt == 0
                && await _auth.RefreshAsync(this, cancellationToken).ConfigureAwait(false))
                continue;
            return await ReadAsync(response, method.Method, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one request; a refused server certificate is reported with both fingerprints, never retried.</summary>
    private async Task<HttpResponseMessage> SendHttpAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (error.HttpRequestError == HttpRequestError.SecureConnectionError && _tls.LastRefusal is { } refusal)
        {
            throw new ProxmoxTlsException($"TLS connection to {_base.Host}:{_base.Port} refused: {refusal}.", error);
        }
    }

    internal HttpRequestMessage BuildRequest(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var relative = path.TrimStart('/');
        if (method == HttpMethod.Get || method == HttpMethod.Delete)
        {
            if (parameters.Count > 0)
                relative += "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return new HttpRequestMessage(method, new Uri(_base, relative));
        }
        return new HttpRequestMessage(method, new Uri(_base, relative)) { Content = new FormUrlEncodedContent(parameters) };
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? root = null;
        if (body.Length > 0 && IsJson(response.Content.Headers.ContentType))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
            }
            catch (JsonException) when (!response.IsSuccessStatusCode) { root = null; }
            catch (JsonException error)
            {
                throw new InvalidDataException($"Proxmox API {method} {path} answered {(int)response.StatusCode} with JSON that does not parse: {error.Message}", error);
            }
        }
        if (response.IsSuccessStatusCode)
        {
            if (root is not { ValueKind: JsonValueKind.Object } r || !r.TryGetProperty("data", out var data))
                throw new InvalidDataException($"Proxmox API {method} {path} answered {(int)response.StatusCode} without a JSON {{\"data\": ...}} envelope");
            return data;
        }
        var reason = (response.ReasonPhrase ?? "").Trim();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root is { ValueKind: JsonValueKind.Object } o)
        {
            if (o.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                reason = message.GetString()!.Trim();
            if (o.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Object)
                foreach (var e in errs.EnumerateObject()) errors[e.Name] = e.Value.ToString().Trim();
        }
        throw new ProxmoxApiException(method, path, (int)response.StatusCode, reason.Length == 0 ? "(no message)" : reason, errors);
    }

    private static bool IsJson(MediaTypeHeaderValue? type) => type?.MediaType is null || type.MediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    internal static string? MemberOf(string path)
    {
        var match = MemberPattern().Match(path);
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("^/?nodes/([^/]+)/")]
    private static partial Regex MemberPattern();

    public void Dispose() => _http.Dispose();
}
