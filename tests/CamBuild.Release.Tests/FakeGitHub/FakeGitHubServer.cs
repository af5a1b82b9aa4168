using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CamBuild.Release.Tests.FakeGitHub;

public sealed record RecordedExchange(string Method, string Path, string? OperationId, int Status, string? Authorization);

/// <summary>
/// A fake GitHub Enterprise Server on http://127.0.0.1:PORT: API under /api/v3, uploads under /api/uploads (the upload_url
/// it hands out points at itself). Every request and response body is validated against the official description;
/// violations are collected for the test to assert on.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    public const string ApiPrefix = "/api/v3/";
    public const string UploadsPrefix = "/api/uploads/";

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly RestDescription _description;
    private readonly ExchangeValidator _validator;
    private readonly FakeGitHubHandlers _handlers;
    private readonly string _token;
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public FakeGitHubServer(RestDescription description, string token)
    {
        _description = description;
        _validator = new ExchangeValidator(description);
        _token = token;
        (_listener, Port) = Start();
        Root = $"http://127.0.0.1:{Port}";
        Json = new FakeGitHubJson(Root);
        _handlers = new FakeGitHubHandlers(State, Json);
        _loop = Task.Run(Serve);
    }

    public int Port { get; }
    public string Root { get; }
    public FakeGitHubState State { get; } = new();
    public FakeGitHubJson Json { get; }
    public IReadOnlyList<string> Violations => [.. _violations];
    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges];

    /// <summary>Runs under the state lock before an operation is handled (e.g. to simulate a concurrent client).</summary>
    public Action<MatchedOperation, FakeRepository>? BeforeHandle { get; set; }

    /// <summary>Lets a test corrupt a response body to prove that validation catches it.</summary>
    public Func<string, JsonNode, JsonNode>? RewriteResponse { get; set; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }

    private static (HttpListener, int) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Respond(context);
            }
            catch (Exception e)
            {
                _violations.Enqueue($"fake server error: {e}");
                context.Response.Abort();
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var (request, zone) = FakeRequestReader.Read(context.Request);
        var authorization = context.Request.Headers["Authorization"];
        var op = _description.Match(request.Method, request.Path);
        FakeResponse response;
        if (!IsAuthorized(authorization))
        {
            response = new FakeResponse(401, FakeGitHubJson.BasicError("Bad credentials", 401));
        }
        else if (op is null || !FakeGitHubHandlers.Implemented.Contains(op.OperationId))
        {
            _violations.Enqueue($"{request.Method} {zone.TrimEnd('/')}{request.Path}: {(op is null ? "not an operation of the description" : $"{op.OperationId} is not used by Promote")}");
            response = FakeGitHubHandlers.NotFound();
        }
        else
        {
            response = Handle(op, request, zone);
        }

        var body = response.Body is null ? null : RewriteResponse?.Invoke(op?.OperationId ?? "", response.Body) ?? response.Body;
        var bodyElement = body is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(body);
        if (op is not null)
        {
            foreach (var violation in _validator.CheckResponse(op, response.Status, bodyElement))
            {
                _violations.Enqueue(violation);
            }
        }

        _exchanges.Enqueue(new RecordedExchange(request.Method, zone.TrimEnd('/') + request.Path, op?.OperationId, response.Status, authorization));
        Write(context.Response, response, body);
    }

    private FakeResponse Handle(MatchedOperation op, FakeRequest request, string zone)
    {
        var expectedZone = op.OperationId == "repos/upload-release-asset" ? UploadsPrefix : ApiPrefix;
        var problems = _validator.CheckRequest(op, request);
        if (zone != expectedZone)
        {
            problems.Add($"{op.OperationId}: sent under {zone}, expected {expectedZone}");
        }

        foreach (var problem in problems)
        {
            _violations.Enqueue(problem);
        }

        if (problems.Count > 0)
        {
            return new FakeResponse(422, FakeGitHubJson.ValidationError("Invalid request.\n\n" + string.Join("\n", problems)));
        }

        lock (State.Sync)
        {
            var repo = State.Find(op.PathValues["owner"], op.PathValues["repo"]);
            if (repo is null)
            {
                return FakeGitHubHandlers.NotFound();
            }

            BeforeHandle?.Invoke(op, repo);
            return _handlers.Handle(op, request, repo);
        }
    }

    private bool IsAuthorized(string? header)
    {
        var parts = header?.Split(' ', 2);
        return parts is [var scheme, var value]
            && (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            && value == _token;
    }

    private static void Write(HttpListenerResponse response, FakeResponse fake, JsonNode? body)
    {
        response.StatusCode = fake.Status;
        if (fake.Location is not null)
        {
            response.AddHeader("Location", fake.Location);
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }

        response.Close();
    }
}
