using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CamBuild.Common;

namespace CamBuild.PackageIndex.Client;

/// <summary>GETs with bounded retries, manual redirects (same origin only), and Basic auth sent only to the index's origin.</summary>
internal sealed class IndexHttpTransport : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly Uri _indexUrl;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly HttpPackageSourceOptions _options;

    public IndexHttpTransport(Uri indexUrl, NetworkCredential? credential, HttpPackageSourceOptions options)
    {
        _indexUrl = indexUrl;
        _options = options;
        _authorization = credential is null ? null : new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Password}")));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
        };
        _http = new HttpClient(handler) { Timeout = options.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CamBuild", "1.0"));
    }

    public bool SendsCredentials => _authorization is not null;

    /// <summary>Final response (2xx or 404) with the URL it came from; throws for auth failures and unavailability.</summary>
    /// <remarks>Connection failures, timeouts and 5xx answers are retried by <see cref="RetryPolicy"/> (no jitter).</remarks>
    public async Task<(HttpResponseMessage Response, Uri Url)> GetAsync(Uri url, string? accept, CancellationToken cancellationToken)
    {
        var policy = new RetryPolicy(Math.Max(1, _options.MaxAttempts), _options.RetryDelay, TimeSpan.MaxValue, Jitter: false);
        var attempts = 0;
        try
        {
            var (response, finalUrl) = await policy.ExecuteAsync(
                token =>
                {
                    attempts++;
                    return FollowRedirectsAsync(url, accept, token);
                },
                error => error is HttpRequestException or TaskCanceledException,
                cancellationToken,
                isTransientResult: answer => IsServerError(answer.Item1),
                onRetry: (_, _, answer) => answer.Item1?.Dispose()).ConfigureAwait(false);
            if (!IsServerError(response))
                return (response, finalUrl);
            var reason = $"HTTP {(int)response.StatusCode} from {IndexUrl.Redact(finalUrl)}";
            response.Dispose();
            throw new PackageIndexUnavailableException(IndexUrl.Redact(url), attempts, reason);
        }
        catch (HttpRequestException e)
        {
            throw new PackageIndexUnavailableException(IndexUrl.Redact(url), attempts, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PackageIndexUnavailableException(IndexUrl.Redact(url), attempts,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s", e);
        }
    }

    private static bool IsServerError(HttpResponseMessage response) => (int)response.StatusCode >= 500;

    private async Task<(HttpResponseMessage, Uri)> FollowRedirectsAsync(Uri url, string? accept, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null)
                request.Headers.TryAddWithoutValidation("Accept", accept);
            var sentCredentials = _authorization is not null && IndexUrl.SameOrigin(url, _indexUrl);
            if (sentCredentials)
                request.Headers.Authorization = _authorization;
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                response.Dispose();
                throw new PackageIndexAuthenticationException(IndexUrl.Redact(url), status, sentCredentials);
            }
            if (status is not (301 or 302 or 303 or 307 or 308))
                return (response, url);
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hop >= MaxRedirects)
                throw new PackageIndexException(
                    $"Package index {IndexUrl.Redact(_indexUrl)} redirected {IndexUrl.Redact(url)} " +
                    (location is null ? "without a Location header" : $"more than {MaxRedirects} times") + "; check the index URL.");
            var next = new Uri(url, location);
            if (!IndexUrl.SameOrigin(next, url))
                throw new PackageIndexException(
                    $"Package index {IndexUrl.Redact(_indexUrl)} redirected {IndexUrl.Redact(url)} to another host, " +
                    $"{next.Scheme}://{next.Authority}; CamBuild follows redirects only within one scheme, host and port. " +
                    "If that host is the real index, configure its URL directly; otherwise the index is misconfigured or hostile.");
            url = next;
        }
    }

    public void Dispose() => _http.Dispose();
}
