namespace CamBuild.Pipeline;

/// <summary>Where every artifact of the pipeline lives. Each file has a documented format so any target can run alone.</summary>
public sealed record PipelinePaths(string Root, string Artifacts)
{
    public static PipelinePaths For(string root, string artifacts, string? machineCache = null) =>
        new(root, Path.GetFullPath(Path.Combine(root, artifacts)))
        {
            MachineCacheRoot = Path.GetFullPath(string.IsNullOrEmpty(machineCache) ? CamBuild.Common.Caching.MachineCache.DefaultRoot : machineCache),
        };

    /// <summary>The machine cache shared by every clone on this machine (<c>--machine-cache-dir</c>, default /var/cache/cambuild).</summary>
    public string MachineCacheRoot { get; init; } = CamBuild.Common.Caching.MachineCache.DefaultRoot;

    public CamBuild.Common.Caching.MachineCache MachineCache => new(MachineCacheRoot);

    /// <summary>Past this size a step that filled the machine cache collects it (<c>--machine-cache-limit</c>, GiB; default 20 GiB).</summary>
    public long MachineCacheLimit { get; init; } = CamBuild.Common.Caching.MachineCache.DefaultLimitBytes;

    public string Cache => Path.Combine(Root, ".nuke", "temp", "cache");
    public string EmbeddedIndex => Path.Combine(Artifacts, "index");
    public string LeavesJson => Path.Combine(Artifacts, "leaves.json");
    public string Locks => Path.Combine(Artifacts, "locks");
    public string OsLock => Path.Combine(Locks, "os-lock.json");
    public string MarkerEnvironment => Path.Combine(Locks, "marker-environment.json");
    /// <summary>The marker environment of one interpreter of the candidate: python3's is <see cref="MarkerEnvironment"/>.</summary>
    public string MarkerEnvironmentOf(string interpreter) =>
        interpreter == "python3" ? MarkerEnvironment : Path.Combine(Locks, "interpreters", interpreter + ".json");
    public string RequirementsLock(string environment) => Path.Combine(Locks, environment, "requirements.txt");
    public string Pylock(string environment) => Path.Combine(Locks, environment, "pylock.toml");
    public string Candidates => Path.Combine(Artifacts, "candidates");
    public string CurrentCandidate => Path.Combine(Artifacts, "candidate.json");
    public string EnvironmentStates => Path.Combine(Artifacts, "environments");
    public string Qualifications => Path.Combine(Artifacts, "qualifications");
    public string Reports => Path.Combine(Artifacts, "reports");
    public string Releases => Path.Combine(Artifacts, "releases");
    /// <summary>The release dashboard (static HTML), written by the Dashboard target.</summary>
    public string Site => Path.Combine(Artifacts, "site");
    public string RoleCatalog => Path.Combine(Root, "samples", "site", "roles.json");
    public string EnvironmentConfig(string name) => Path.Combine(Root, "config", "environments", name + ".yaml");
    /// <summary>Debs, base root filesystems, bake stages and bake inputs, in the machine cache.</summary>
    public string ImageCache => MachineCache.Images;
    /// <summary>Wheels by sha256, in the machine cache.</summary>
    public string WheelCache => MachineCache.Wheels;
    /// <summary>The wheels of one bake gathered per environment: this clone's own, never shared.</summary>
    public string WheelSets => Path.Combine(Cache, "wheel-sets");
    /// <summary>The local signing key made on first use (embedded default); never checked in.</summary>
    public string Keys => Path.Combine(Root, ".nuke", "temp", "keys");
    /// <summary>Trusted public keys and policy.yaml (checked in).</summary>
    public string Trust => Path.Combine(Root, "config", "trust");

    /// <summary>Path relative to the root with forward slashes, for cache declarations and messages.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
