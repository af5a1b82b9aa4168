using System.Diagnostics;
using System.Net.Sockets;

namespace CamBuild.Delivery.Tests;

/// <summary>
/// Polls a set of TCP services (the nodes' role ports on container addresses this test created) every 100 ms and
/// records, per service, the longest stretch during which it did not accept a connection; optionally also HTTP health
/// endpoints (the portal's <c>/health</c>), down while they do not answer 200 with <c>"status": "ok"</c>. Bounded: it
/// stops when disposed.
/// </summary>
internal sealed class DowntimeProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, TimeSpan> longest = [];
    private readonly List<Task> loops = [];

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMilliseconds(500) };

    public DowntimeProbe(IEnumerable<(string Name, string Address, int Port)> services, IEnumerable<(string Name, Uri Health)>? health = null)
    {
        foreach (var service in services)
        {
            longest[service.Name] = TimeSpan.Zero;
            loops.Add(Task.Run(() => PollAsync(service.Name, () => AcceptsAsync(service.Address, service.Port))));
        }
        foreach (var endpoint in health ?? [])
        {
            longest[endpoint.Name] = TimeSpan.Zero;
            loops.Add(Task.Run(() => PollAsync(endpoint.Name, () => HealthyAsync(endpoint.Health))));
        }
    }

    public IReadOnlyDictionary<string, TimeSpan> Longest
    {
        get { lock (longest) return new Dictionary<string, TimeSpan>(longest); }
    }

    private async Task PollAsync(string name, Func<Task<bool>> probe)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? downSince = null;
        while (!stop.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            var up = await probe();
            if (!up && downSince is null) downSince = started;
            if ((up || stop.IsCancellationRequested) && downSince is { } since)
            {
                lock (longest) longest[name] = TimeSpan.FromTicks(Math.Max(longest[name].Ticks, (clock.Elapsed - since).Ticks));
                downSince = null;
            }
            var wait = Interval - (clock.Elapsed - started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait).ConfigureAwait(false);
        }
        if (downSince is { } open)
        {
            lock (longest) longest[name] = TimeSpan.FromTicks(Math.Max(longest[name].Ticks, (clock.Elapsed - open).Ticks));
        }
    }

    private static async Task<bool> AcceptsAsync(string address, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> HealthyAsync(Uri health)
    {
        try
        {
            using var response = await http.GetAsync(health);
            if (!response.IsSuccessStatusCode) return false;
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.TryGetProperty("status", out var status) && status.GetString() == "ok";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private bool disposed;

    /// <summary>Stops the polling; idempotent (the benchmark stops it before reading, then leaves its using block).</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        stop.Dispose();
        http.Dispose();
    }
}
