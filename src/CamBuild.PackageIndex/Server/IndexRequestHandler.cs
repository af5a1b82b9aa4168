using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CamBuild.PackageIndex.Server;

/// <summary>
/// The one Kestrel request delegate: authentication, routing on the raw request target (so percent-encoded dot
/// segments are seen by <see cref="IndexRouter"/>, never resolved by the host), the response and the request log.
/// </summary>
internal sealed class IndexRequestHandler(PackageIndexServer server, BasicAuthentication? authentication)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path + request.QueryString;
        var accept = HeaderOrNull(request, "Accept");
        var authorization = HeaderOrNull(request, "Authorization");
        var response = Respond(request.Method, target, accept, authorization);
        server.Log(new IndexRequestLogEntry(DateTimeOffset.UtcNow, request.Method, target, response.StatusCode,
            accept, response.ContentType, BasicAuthentication.PresentedUser(authorization)));
        await WriteAsync(context, response).ConfigureAwait(false);
    }

    private IndexResponse Respond(string method, string target, string? accept, string? authorization)
    {
        if (authentication is not null && !authentication.IsAuthorized(authorization))
            return IndexResponse.Text(401, "Authentication required for this index.",
                new Dictionary<string, string> { ["WWW-Authenticate"] = BasicAuthentication.Challenge });
        try
        {
            return server.CreateRouter().Route(method, target, accept);
        }
        catch (Exception e) when (e is IOException or UriFormatException)
        {
            return IndexResponse.Text(500, "The index could not read the requested content: " + e.GetType().Name);
        }
    }

    private static async Task WriteAsync(HttpContext context, IndexResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.Headers["Server"] = "cambuild-index";
        if (response.ContentType is not null)
            http.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
            http.Headers[name] = value;
        http.ContentLength = response.ContentLength;
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        if (response.FilePath is not null)
            await http.SendFileAsync(response.FilePath, context.RequestAborted).ConfigureAwait(false);
        else
            await http.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? HeaderOrNull(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}
