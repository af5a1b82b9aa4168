using CamBuild.Deploy.Model;
using CamBuild.Deploy.Process;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Local;

/// <summary>
/// The embedded default provider: privileged LXC containers on this host, each an overlay snapshot of the
/// candidate extracted once, on a bridge the provider creates. Only containers under its own LXC path that carry
/// its markers are ever listed, stopped or removed.
/// </summary>
public sealed partial class LxcNodeProvider(LxcProviderOptions options) : INodeSwapProvider
{
    private static readonly TimeSpan LxcTimeout = TimeSpan.FromSeconds(60);
    private const string NodePath = "PATH=/opt/cam/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly LxcTemplateCache templates = new(options.TemplatesDirectory);

    public string Name => "lxc";

    public async Task<IReadOnlyList<ObservedNode>> ListNodesAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        if (!Directory.Exists(path))
        {
            return [];
        }
        var ours = new List<(string Name, IReadOnlyDictionary<string, string> Markers)>();
        foreach (var directory in Directory.EnumerateDirectories(path).Where(directory => !IsStandby(directory)).Order(StringComparer.Ordinal))
        {
            var config = Path.Combine(directory, "config");
            if (!File.Exists(config))
            {
                continue;
            }
            var markers = LxcContainerConfig.ReadMarkers(await File.ReadAllTextAsync(config, cancellationToken).ConfigureAwait(false));
            if (markers.GetValueOrDefault("environment") == environment.Name)
            {
                ours.Add((Path.GetFileName(directory), markers));
            }
        }
        if (ours.Count == 0)
        {
            return [];
        }
        var running = await RunningContainersAsync(path, cancellationToken).ConfigureAwait(false);
        return ours.Select(node => new ObservedNode(node.Name, node.Markers.GetValueOrDefault("candidate") ?? "",
            node.Markers.GetValueOrDefault("digest") ?? "", running.Contains(node.Name), $"{path}/{node.Name}")).ToList();
    }

    public async Task PrepareAsync(EnvironmentSpec environment, CandidateRef candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(candidate);
        await templates.EnsureExtractedAsync(candidate, cancellationToken).ConfigureAwait(false);
        var path = options.EnvironmentDirectory(environment.Name);
        Directory.CreateDirectory(path);
        await LxcBridge.EnsureAsync(environment.Network, BridgeMarker(path), cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateNodeAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        var path = options.EnvironmentDirectory(environment.Name);
        var home = Path.Combine(path, node.Hostname);
        if (Directory.Exists(home))
        {
            await DestroyNodeAsync(environment, node.Hostname, cancellationToken).ConfigureAwait(false);
        }
        var lower = templates.RootfsOf(candidate.Id);
        if (!Directory.Exists(lower))
        {
            throw new InvalidOperationException($"candidate {candidate.Id} is not extracted; PrepareAsync must run before CreateNodeAsync");
        }
        var upper = Path.Combine(home, "upper");
        Directory.CreateDirectory(upper);
        var init = options.InitCommand ?? (File.Exists(Path.Combine(lower, "sbin", "init")) ? "/sbin/init" : "/bin/sleep infinity");
        var memoryKey = !options.ApplyMemoryLimit ? null
            : Directory.Exists("/sys/fs/cgroup/memory") ? "lxc.cgroup.memory.limit_in_bytes" : "lxc.cgroup2.memory.max";
        var config = LxcContainerConfig.Render(environment, node, candidate.Id, nodeDigest, lower, upper, init, memoryKey);
        await File.WriteAllTextAsync(Path.Combine(home, "config"), config, cancellationToken).ConfigureAwait(false);

        var logFile = Path.Combine(home, "lxc.log");
        var started = await ProcessRunner.RunAsync("lxc-start", ["-P", path, "-n", node.Hostname, "-d", "-l", "WARN", "-o", logFile],
            LxcTimeout, cancellationToken).ConfigureAwait(false);
        var waited = started.ExitCode != 0 ? started : await ProcessRunner.RunAsync("lxc-wait",
            ["-P", path, "-n", node.Hostname, "-s", "RUNNING", "-t", "30"], LxcTimeout, cancellationToken).ConfigureAwait(false);
        if (waited.ExitCode != 0)
        {
            var log = File.Exists(logFile) ? await File.ReadAllLinesAsync(logFile, cancellationToken).ConfigureAwait(false) : [];
            throw new InvalidOperationException($"lxc-start of '{node.Hostname}' failed (exit code {waited.ExitCode}): " +
                $"{waited.StandardError.Trim()}\n{string.Join('\n', log.TakeLast(10))}");
        }
    }

    public Task<CommandResult> ExecAsync(EnvironmentSpec environment, NodeSpec node, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(command);
        return ProcessRunner.RunAsync("lxc-attach",
            ["-P", options.EnvironmentDirectory(environment.Name), "-n", node.Hostname, "--clear-env", "-v", NodePath, "-v", "HOME=/root",
                "--", .. command], timeout, cancellationToken);
    }

    public async Task DestroyNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        var home = Path.Combine(path, hostname);
        var config = Path.Combine(home, "config");
        if (!Directory.Exists(home))
        {
            return;
        }
        if (File.Exists(config) && LxcContainerConfig.ReadMarkers(await File.ReadAllTextAsync(config, cancellationToken).ConfigureAwait(false))
                .GetValueOrDefault("environment") is { } owner && owner != environment.Name)
        {
            throw new InvalidOperationException($"{home} belongs to environment '{owner}', not '{environment.Name}'; refusing to remove it");
        }
        await ProcessRunner.RunAsync("lxc-stop", ["-P", path, "-n", hostname, "-k"], LxcTimeout, cancellationToken).ConfigureAwait(false);
        var stopped = await ProcessRunner.RunAsync("lxc-wait", ["-P", path, "-n", hostname, "-s", "STOPPED", "-t", "30"], LxcTimeout,
            cancellationToken).ConfigureAwait(false);
        if (stopped.ExitCode != 0)
        {
            throw new InvalidOperationException($"container '{hostname}' in {path} did not stop: {stopped.StandardError.Trim()}");
        }
        var mounted = (await File.ReadAllLinesAsync("/proc/self/mounts", cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(line => line.Split(' ')[1].StartsWith(home + "/", StringComparison.Ordinal));
        if (mounted is not null)
        {
            throw new InvalidOperationException($"refusing to delete {home}: still mounted ({mounted}); unmount it and run teardown again");
        }
        Directory.Delete(home, recursive: true);
    }

    public async Task TeardownAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        if (Directory.Exists(path))
        {
            // Leftovers of a crashed run (e.g. a node directory without config) go too.
            foreach (var directory in Directory.EnumerateDirectories(path).ToList())
            {
                await DestroyNodeAsync(environment, Path.GetFileName(directory), cancellationToken).ConfigureAwait(false);
            }
        }
        await LxcBridge.RemoveIfOursAsync(BridgeMarker(path), cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Removes a candidate's extracted template (a cache; deploys extract it again when needed).</summary>
    public void RemoveTemplate(string candidateId) => templates.Remove(candidateId);

    private static string BridgeMarker(string environmentPath) => Path.Combine(environmentPath, "bridge");

    private static async Task<HashSet<string>> RunningContainersAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunCheckedAsync("lxc-ls", ["-P", path, "--running", "-1"], LxcTimeout, cancellationToken)
            .ConfigureAwait(false);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
    }
}
