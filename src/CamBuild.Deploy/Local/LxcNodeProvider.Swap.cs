using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Process;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Local;

/// <summary>
/// Swap on local LXC. The active node is the container named after its hostname; stand-bys live beside it as
/// <c>&lt;host&gt;.n-&lt;digest&gt;</c> (next) and <c>&lt;host&gt;.k-&lt;digest&gt;</c> (kept), with the same uts name, address and
/// MAC. A swap is two directory renames of stopped containers (the overlay upper layer moves with its directory; the
/// rootfs path in the config is repaired after every rename and before every start, so a rename interrupted by a crash
/// leaves nothing that cannot start).
/// </summary>
public sealed partial class LxcNodeProvider
{
    private const string NextInfix = ".n-";
    private const string KeptInfix = ".k-";
    private const string KeptMarker = "kept";
    private const int DigestLength = 12;

    public async Task<IReadOnlyList<StandbyNode>> ListStandbyAsync(EnvironmentSpec environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        if (!Directory.Exists(path))
        {
            return [];
        }
        var standby = new List<StandbyNode>();
        foreach (var directory in Directory.EnumerateDirectories(path).Where(IsStandby).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            var (hostname, kind) = ParseStandbyName(name);
            var config = Path.Combine(directory, "config");
            var markers = File.Exists(config)
                ? LxcContainerConfig.ReadMarkers(await File.ReadAllTextAsync(config, cancellationToken).ConfigureAwait(false))
                : new Dictionary<string, string>();
            if (markers.GetValueOrDefault("environment") is { } owner && owner != environment.Name)
            {
                continue;
            }
            DateTimeOffset? keptAt = markers.TryGetValue(KeptMarker, out var kept)
                && DateTimeOffset.TryParse(kept, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            standby.Add(new StandbyNode(hostname, kind, markers.GetValueOrDefault("candidate") ?? "", markers.GetValueOrDefault("digest") ?? "",
                keptAt, name));
        }
        return standby;
    }

    public async Task CreateStandbyAsync(EnvironmentSpec environment, NodeSpec node, CandidateRef candidate, string nodeDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(nodeDigest);
        var path = options.EnvironmentDirectory(environment.Name);
        var name = StandbyName(node.Hostname, StandbyKind.Next, nodeDigest);
        var home = Path.Combine(path, name);
        if (Directory.Exists(home))
        {
            await DestroyNodeAsync(environment, name, cancellationToken).ConfigureAwait(false);
        }
        var lower = templates.RootfsOf(candidate.Id);
        if (!Directory.Exists(lower))
        {
            throw new InvalidOperationException($"candidate {candidate.Id} is not extracted; PrepareAsync must run before CreateStandbyAsync");
        }
        var upper = Path.Combine(home, "upper");
        Directory.CreateDirectory(upper);
        var init = options.InitCommand ?? (File.Exists(Path.Combine(lower, "sbin", "init")) ? "/sbin/init" : "/bin/sleep infinity");
        var memoryKey = !options.ApplyMemoryLimit ? null
            : Directory.Exists("/sys/fs/cgroup/memory") ? "lxc.cgroup.memory.limit_in_bytes" : "lxc.cgroup2.memory.max";
        var config = LxcContainerConfig.Render(environment, node, candidate.Id, nodeDigest, lower, upper, init, memoryKey);
        // The config is written last and by rename: a directory without one is a crashed creation, destroyed on sight.
        var file = Path.Combine(home, "config");
        await File.WriteAllTextAsync(file + ".tmp", config, cancellationToken).ConfigureAwait(false);
        File.Move(file + ".tmp", file, overwrite: true);
    }

    public async Task StopNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        if (!Directory.Exists(Path.Combine(path, hostname)))
        {
            return;
        }
        await ProcessRunner.RunAsync("lxc-stop", ["-P", path, "-n", hostname, "-k"], LxcTimeout, cancellationToken).ConfigureAwait(false);
        var stopped = await ProcessRunner.RunAsync("lxc-wait", ["-P", path, "-n", hostname, "-s", "STOPPED", "-t", "30"], LxcTimeout,
            cancellationToken).ConfigureAwait(false);
        if (stopped.ExitCode != 0)
        {
            throw new InvalidOperationException($"container '{hostname}' in {path} did not stop: {stopped.StandardError.Trim()}");
        }
    }

    public async Task StartNodeAsync(EnvironmentSpec environment, string hostname, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = options.EnvironmentDirectory(environment.Name);
        var home = Path.Combine(path, hostname);
        if (!File.Exists(Path.Combine(home, "config")))
        {
            throw new InvalidOperationException($"node '{hostname}' of environment '{environment.Name}' does not exist ({home}); cannot start it");
        }
        if (await IsRunningAsync(path, hostname, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        await RepairConfigAsync(home, keptAt: null, cancellationToken).ConfigureAwait(false);
        var logFile = Path.Combine(home, "lxc.log");
        var started = await ProcessRunner.RunAsync("lxc-start", ["-P", path, "-n", hostname, "-d", "-l", "WARN", "-o", logFile],
            LxcTimeout, cancellationToken).ConfigureAwait(false);
        var waited = started.ExitCode != 0 ? started : await ProcessRunner.RunAsync("lxc-wait",
            ["-P", path, "-n", hostname, "-s", "RUNNING", "-t", "30"], LxcTimeout, cancellationToken).ConfigureAwait(false);
        if (waited.ExitCode != 0)
        {
            var log = File.Exists(logFile) ? await File.ReadAllLinesAsync(logFile, cancellationToken).ConfigureAwait(false) : [];
            throw new InvalidOperationException($"lxc-start of '{hostname}' failed (exit code {waited.ExitCode}): " +
                $"{waited.StandardError.Trim()}\n{string.Join('\n', log.TakeLast(10))}");
        }
    }

    public async Task SwapAsync(EnvironmentSpec environment, string hostname, string nodeDigest, bool discardActive,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(nodeDigest);
        var path = options.EnvironmentDirectory(environment.Name);
        var active = Path.Combine(path, hostname);
        var activeDigest = File.Exists(Path.Combine(active, "config"))
            ? LxcContainerConfig.ReadMarkers(await File.ReadAllTextAsync(Path.Combine(active, "config"), cancellationToken).ConfigureAwait(false))
                .GetValueOrDefault("digest")
            : null;
        if (activeDigest == nodeDigest)
        {
            return;
        }
        var source = new[] { StandbyKind.Kept, StandbyKind.Next }.Select(kind => StandbyName(hostname, kind, nodeDigest))
            .FirstOrDefault(name => File.Exists(Path.Combine(path, name, "config")))
            ?? throw new InvalidOperationException(
                $"no stand-by container with digest {Short(nodeDigest)} for node '{hostname}' in {path}; create it before swapping");
        if (Directory.Exists(active))
        {
            if (await IsRunningAsync(path, hostname, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"node '{hostname}' is still running; stop it before swapping");
            }
            if (discardActive || activeDigest is null)
            {
                await DestroyNodeAsync(environment, hostname, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var kept = StandbyName(hostname, StandbyKind.Kept, activeDigest);
                if (Directory.Exists(Path.Combine(path, kept)))
                {
                    await DestroyNodeAsync(environment, kept, cancellationToken).ConfigureAwait(false);
                }
                await RenameAsync(path, hostname, kept, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            }
        }
        await RenameAsync(path, source, hostname, keptAt: null, cancellationToken).ConfigureAwait(false);
    }

    public Task DestroyStandbyAsync(EnvironmentSpec environment, StandbyNode standby, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standby);
        if (!IsStandby(standby.ProviderId))
        {
            throw new InvalidOperationException($"'{standby.ProviderId}' is not a stand-by container name; refusing to destroy it as one");
        }
        return DestroyNodeAsync(environment, standby.ProviderId, cancellationToken);
    }

    /// <summary>Container name of a stand-by: hostname, kind infix and the first 12 hex digits of its node digest.</summary>
    public static string StandbyName(string hostname, StandbyKind kind, string nodeDigest) =>
        hostname + (kind == StandbyKind.Kept ? KeptInfix : NextInfix) + Short(nodeDigest);

    // Hostnames never contain a dot (environment.schema.json), stand-by names always do.
    private static bool IsStandby(string directory) => Path.GetFileName(directory).Contains('.', StringComparison.Ordinal);

    private static (string Hostname, StandbyKind Kind) ParseStandbyName(string name)
    {
        var kept = name.LastIndexOf(KeptInfix, StringComparison.Ordinal);
        var next = name.LastIndexOf(NextInfix, StringComparison.Ordinal);
        return kept > next ? (name[..kept], StandbyKind.Kept) : next > 0 ? (name[..next], StandbyKind.Next) : (name, StandbyKind.Next);
    }

    private static string Short(string digest) => digest.Length > DigestLength ? digest[..DigestLength] : digest;

    private static async Task RenameAsync(string path, string from, string to, DateTimeOffset? keptAt, CancellationToken cancellationToken)
    {
        Directory.Move(Path.Combine(path, from), Path.Combine(path, to));
        await RepairConfigAsync(Path.Combine(path, to), keptAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points the overlay upper layer at this directory and sets (or clears) the kept marker.</summary>
    private static async Task RepairConfigAsync(string home, DateTimeOffset? keptAt, CancellationToken cancellationToken)
    {
        var file = Path.Combine(home, "config");
        var lines = (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Split('\n').ToList();
        lines.RemoveAll(line => line.StartsWith(LxcContainerConfig.MarkerPrefix + KeptMarker + " ", StringComparison.Ordinal));
        for (var i = 0; i < lines.Count; i++)
        {
            const string Rootfs = "lxc.rootfs.path = overlay:";
            if (lines[i].StartsWith(Rootfs, StringComparison.Ordinal))
            {
                var lower = lines[i][Rootfs.Length..].Split(':')[0];
                lines[i] = $"{Rootfs}{lower}:{Path.Combine(home, "upper")}";
            }
        }
        if (keptAt is { } at)
        {
            lines.Insert(0, $"{LxcContainerConfig.MarkerPrefix}{KeptMarker} = {at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}");
        }
        var text = string.Join('\n', lines);
        await File.WriteAllTextAsync(file + ".tmp", text, cancellationToken).ConfigureAwait(false);
        File.Move(file + ".tmp", file, overwrite: true);
    }

    private static async Task<bool> IsRunningAsync(string path, string name, CancellationToken cancellationToken)
    {
        var state = await ProcessRunner.RunAsync("lxc-info", ["-P", path, "-n", name, "-s", "-H"], LxcTimeout, cancellationToken)
            .ConfigureAwait(false);
        return state.ExitCode == 0 && state.StandardOutput.Trim() == "RUNNING";
    }
}
