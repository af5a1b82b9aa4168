using System.Text;

namespace CamBuild.Pipeline.Tests.Canary;

/// <summary>
/// Samples <c>/proc/PID/cmdline</c> of every process below a root and <c>/proc/PID/environ</c> of every process the
/// build started (the descendants of a process whose command line runs <c>_build.dll</c>, not that process itself, whose
/// environment is the caller's), every 50 ms until stopped. Only distinct texts are kept, at most 100,000.
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private const int MaximumTexts = 100_000;
    private readonly int _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    public ProcessSampler(int root)
    {
        _root = root;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Distinct processes whose environment was read (by pid and start time).</summary>
    public HashSet<string> EnvironmentsRead { get; } = new(StringComparer.Ordinal);

    public int Rounds { get; private set; }

    public IReadOnlyCollection<string> Texts
    {
        get
        {
            lock (_texts) return [.. _texts];
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            SampleOnce();
            Rounds++;
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SampleOnce()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            var stat = Read(Path.Combine(directory, "stat"));
            var close = stat?.LastIndexOf(')') ?? -1;
            if (close < 0) continue;
            var fields = stat![(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var parent)) parents[pid] = parent;
        }

        foreach (var pid in parents.Keys)
        {
            var chain = Ancestors(pid, parents);
            if (!chain.Contains(_root)) continue;
            var cmdline = Read($"/proc/{pid}/cmdline");
            Keep(cmdline);
            // Environment: only processes started by the build (below a _build.dll process, not that process itself).
            // Only ancestors up to the root count: the test itself may run under another _build.dll (./build.sh Test).
            // A child between fork and exec still runs the build's own image, so /proc shows the build's command line
            // and environment (which holds the secrets the user passed it); exec replaces both. Such a child is the
            // build itself, not a process it started, so it is read again once it has exec'd (the next round).
            var started = chain.Skip(1).Take(chain.IndexOf(_root));
            if (!IsBuild(cmdline) && started.Any(a => IsBuild(Read($"/proc/{a}/cmdline"))))
            {
                var environ = Read($"/proc/{pid}/environ");
                if (environ is null) continue;
                Keep(environ);
                EnvironmentsRead.Add($"{pid}:{cmdline?.Replace('\0', ' ')}");
            }
        }
    }

    private static bool IsBuild(string? cmdline) => cmdline?.Contains("_build.dll", StringComparison.Ordinal) == true;

    private static List<int> Ancestors(int pid, Dictionary<int, int> parents)
    {
        var chain = new List<int> { pid };
        while (parents.TryGetValue(chain[^1], out var parent) && parent > 1 && chain.Count < 64) chain.Add(parent);
        return chain;
    }

    private bool Keep(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        lock (_texts) return _texts.Count < MaximumTexts && _texts.Add(text);
    }

    private static string? Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended meanwhile
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
