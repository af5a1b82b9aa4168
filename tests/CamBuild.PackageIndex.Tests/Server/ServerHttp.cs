using System.Net;

namespace CamBuild.PackageIndex.Tests.Server;

/// <summary>An HttpClient that does not follow redirects, so tests see exactly what the server answers.</summary>
internal static class ServerHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri url, string? accept = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await http.SendAsync(request);
    }

    public static async Task<string> TextAsync(HttpClient http, Uri url, string? accept = null)
    {
        using var response = await GetAsync(http, url, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
