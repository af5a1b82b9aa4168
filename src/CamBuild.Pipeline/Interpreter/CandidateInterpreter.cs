using System.Text.Json;
using CamBuild.Images.Os;
using CamBuild.Pipeline.Config;
using CamBuild.Python.Markers;
using CamBuild.Targets.Caching;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Interpreter;

/// <summary>
/// The candidate's own Python: the base root filesystem built from the OS lock, and the PEP 508 marker environment
/// its <c>/usr/bin/python3</c> reports. Markers and Requires-Python are evaluated with this, never with the host's.
/// </summary>
internal static class CandidateInterpreter
{
    public sealed record Probe(OsLock OsLock, BaseImageResult Base, MarkerEnvironment Environment, string EnvironmentJson)
    {
        /// <summary>Every interpreter of the candidate (python3 first) with the marker environment it reported.</summary>
        public IReadOnlyList<InterpreterProbe> Interpreters { get; init; } = [];
    }

    /// <summary>One interpreter of the base probed from inside it.</summary>
    public sealed record InterpreterProbe(string Interpreter, MarkerEnvironment Environment, string EnvironmentJson);

    public static async Task<Probe> EnsureAsync(PipelinePaths paths, CandidateConfig candidate, bool relock, IBuildLog log, CancellationToken cancellationToken)
    {
        var osLock = await EnsureOsLockAsync(paths, candidate, relock, log, cancellationToken).ConfigureAwait(false);
        var image = await BaseImage.EnsureAsync(osLock, paths.ImageCache, log.Info, cancellationToken: cancellationToken).ConfigureAwait(false);
        var probes = new List<InterpreterProbe>();
        foreach (var interpreter in candidate.Interpreters)
        {
            var json = await ProbeAsync(paths, image, interpreter, cancellationToken).ConfigureAwait(false);
            var environment = MarkerEnvironment.FromJson(json, $"{interpreter} of base {image.Key[..12]}");
            log.Info($"Candidate interpreter {interpreter}: {environment.Describe()}");
            probes.Add(new InterpreterProbe(interpreter, environment, json));
        }

        return new Probe(osLock, image, probes[0].Environment, probes[0].EnvironmentJson) { Interpreters = probes };
    }

    /// <summary>
    /// The probe's output of one interpreter of the base, run inside the base root filesystem (never the host's
    /// interpreter); cached by base, interpreter and probe script (a probe that learned a new field runs again).
    /// </summary>
    internal static async Task<string> ProbeAsync(PipelinePaths paths, BaseImageResult image, string interpreter, CancellationToken cancellationToken)
    {
        var probeKey = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(MarkerEnvironment.ProbeScript)))[..12];
        var suffix = interpreter == DebianPython.Default ? "" : "-" + interpreter;
        var cached = Path.Combine(paths.ImageCache, "interpreter", $"{image.Key}-{probeKey}{suffix}.json");
        if (File.Exists(cached))
            return await File.ReadAllTextAsync(cached, cancellationToken).ConfigureAwait(false);
        var binary = DebianPython.Binary(interpreter);
        if (!File.Exists(Path.Combine(image.RootDir, binary.TrimStart('/'))))
            throw new CamBuild.Targets.BuildInputException($"The base root filesystem has no {binary}: add the Debian package that installs it to os_packages in {CandidateConfig.RelativePath}.");
        var json = await BaseChroot.RunPythonAsync(image, MarkerEnvironment.ProbeScript, binary, cancellationToken).ConfigureAwait(false);
        AtomicFile.WriteAllText(cached, json);
        return json;
    }

    /// <summary>Reuses the OS lock unless the configured suite, architecture or packages changed (or a relock is asked for).</summary>
    private static async Task<OsLock> EnsureOsLockAsync(PipelinePaths paths, CandidateConfig candidate, bool relock, IBuildLog log, CancellationToken cancellationToken)
    {
        var wanted = candidate.AllOsPackages.Distinct().Order(StringComparer.Ordinal).ToList();
        var request = new OsLockRequest(candidate.Debian.Suite, candidate.Debian.Architecture, wanted);
        if (!relock && File.Exists(paths.OsLock))
        {
            var existing = OsLock.Load(paths.OsLock);
            if (existing.Suite == candidate.Debian.Suite && existing.Architecture == candidate.Debian.Architecture
                && existing.Include.Order(StringComparer.Ordinal).SequenceEqual(wanted))
            {
                OsLockCache.Remember(request, existing, paths.ImageCache);
                return existing;
            }
            log.Info("The OS package set in config/candidate.yaml changed: locking it again.");
        }

        // A lock another clone of this machine resolved for the same request is taken from the machine cache.
        var (osLock, cacheHit) = await OsLockCache.EnsureAsync(request, paths.ImageCache, new DebStore(Path.Combine(paths.ImageCache, "debs")), relock,
            log.Info, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(paths.Locks);
        osLock.Save(paths.OsLock);
        log.Info($"OS lock: {osLock.Packages.Count} packages, lock time {DateTimeOffset.FromUnixTimeSeconds(osLock.SourceDateEpoch):u}{(cacheHit ? " (from the machine cache)" : "")}");
        return osLock;
    }

    /// <summary>
    /// The marker environment PrepareBase recorded; ResolveLeaves and Pin read it instead of probing again.
    /// </summary>
    public static MarkerEnvironment LoadMarkerEnvironment(PipelinePaths paths, string interpreter = DebianPython.Default)
    {
        var path = paths.MarkerEnvironmentOf(interpreter);
        if (!File.Exists(path))
            throw new CamBuild.Targets.BuildInputException($"{paths.Relative(path)} not found: run ./build.sh PrepareBase first (or drop --skip).");
        var json = File.ReadAllText(path);
        var environment = MarkerEnvironment.FromJson(json, paths.Relative(path));
        if (environment.SysPlatform == "linux" && !MarkerEnvironment.HasGlibcKey(json))
            throw new CamBuild.Targets.BuildInputException($"{paths.Relative(path)} was recorded without glibc_version, which manylinux wheel tags need: run ./build.sh PrepareBase again to probe the base once more.");
        return environment;
    }

    /// <summary>Records the probed marker environment (as the interpreter printed it, re-indented) beside the locks.</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteMarkerEnvironment(PipelinePaths paths, Probe probe)
    {
        foreach (var one in probe.Interpreters)
        {
            using var doc = JsonDocument.Parse(one.EnvironmentJson);
            AtomicFile.WriteAllText(paths.MarkerEnvironmentOf(one.Interpreter), JsonSerializer.Serialize(doc.RootElement, Indented) + "\n");
        }
    }
}
