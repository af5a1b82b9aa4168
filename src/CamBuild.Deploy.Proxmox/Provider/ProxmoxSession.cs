using System.Collections.Concurrent;
using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Ssh;
using Renci.SshNet;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>Everything the provider keeps per environment: API client, throttle, VMID allocator, SSH connections.</summary>
internal sealed class ProxmoxSession : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<MemberShell>> _shells = new(StringComparer.Ordinal);
    private readonly ProxmoxProviderOptions _options;

    public ProxmoxSession(EnvironmentSpec environment, ProxmoxSettings settings, string secret, ProxmoxProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        Environment = environment;
        Settings = settings;
        _options = options;
        EnvironmentTag = ProxmoxSettings.EnvironmentTag(environment.Name);
        IRequestAuthenticator auth = settings.Auth == ProxmoxAuthMode.ApiToken
            ? new ApiTokenAuthenticator(settings.Principal, secret)
            : new TicketAuthenticator(settings.Principal, secret) { RenewAfter = options.TicketRenewAfter };
        var tls = settings.TlsFingerprint is null ? TlsPolicy.SystemTrust : TlsPolicy.Pinned(settings.TlsFingerprint);
        Transport = new ProxmoxTransport(settings.ApiUrl, auth, tls, options.Retry, new MemberThrottle(settings.MaxMutatingCallsPerMember),
            options.RequestTimeout) { Log = options.Log };
        Api = new ProxmoxApi(Transport);
        Tasks = new TaskWaiter(options.TaskFirstPoll, options.TaskMaxPoll, settings.TaskTimeout);
        CloneTemplates = new CloneTemplates(this, options);
    }

    public EnvironmentSpec Environment { get; }
    public ProxmoxSettings Settings { get; }
    public string EnvironmentTag { get; }
    public ProxmoxTransport Transport { get; }
    public ProxmoxApi Api { get; }
    public TaskWaiter Tasks { get; }
    public VmidAllocator Vmids { get; } = new();

    /// <summary>Creates in flight per member, so least-loaded placement of parallel creates stays balanced.</summary>
    public ConcurrentDictionary<string, int> CreatesInFlight { get; } = new(StringComparer.Ordinal);

    /// <summary>(member, volume id) of templates uploaded by this session.</summary>
    public ConcurrentDictionary<(string Member, string Volume), bool> UploadedTemplates { get; } = new();

    /// <summary>Template volume ids named in the descriptions of this environment's containers (for Teardown).</summary>
    public ConcurrentDictionary<string, bool> SeenTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>Containers of this environment this session has seen or made, by vmid (nodes and stand-bys, no CT templates).</summary>
    public ConcurrentDictionary<int, ManagedContainer> Known { get; } = new();

    /// <summary>CT templates CamBuild made for this environment's linked clones that this session has seen or made, by vmid.</summary>
    public ConcurrentDictionary<int, ManagedContainer> KnownTemplates { get; } = new();

    /// <summary>Whether a tagged CT has been read by this session (as a node, stand-by or CT template).</summary>
    public bool Seen(int vmid) => Known.ContainsKey(vmid) || KnownTemplates.ContainsKey(vmid);

    /// <summary>Plugin type (<c>lvmthin</c>, <c>dir</c>, …) of the root-disk storage per member, from the settings check.</summary>
    public ConcurrentDictionary<string, string?> RootStorageTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The CT templates of linked clones and their per-template clone gate: one per session, made with it (a lazy
    /// <c>??=</c> let two parallel creates each make their own and so two CT templates on one member).
    /// </summary>
    public CloneTemplates CloneTemplates { get; }

    public void Log(string message) => _options.Log?.Invoke(message);

    private volatile bool _settingsChecked;

    /// <summary>Checks the settings against this machine and the cluster once per session (only reads).</summary>
    public async Task CheckSettingsAsync(CancellationToken ct)
    {
        if (_settingsChecked) return;
        await SettingsCheck.RunAsync(this, ct).ConfigureAwait(false);
        _settingsChecked = true;
    }

    /// <summary>
    /// The environment's containers: the tagged rows of <c>/cluster/resources</c>, each read from its own config and
    /// <c>status/current</c> (never from the lagging name/status of the resources).
    /// </summary>
    public async Task<IReadOnlyList<ManagedContainer>> FindContainersAsync(CancellationToken ct)
    {
        var tagged = ManagedContainer.Tagged(await Api.GetClusterResourcesAsync("vm", ct).ConfigureAwait(false), EnvironmentTag);
        var found = (await Task.WhenAll(tagged.Select(t => InspectAsync(t.Member, t.Vmid, ct))).ConfigureAwait(false))
            .OfType<ManagedContainer>().ToList();
        foreach (var gone in Known.Keys.Except(found.Select(c => c.Vmid)).ToList()) Known.TryRemove(gone, out _);
        foreach (var gone in KnownTemplates.Keys.Except(found.Select(c => c.Vmid)).ToList()) KnownTemplates.TryRemove(gone, out _);
        return found.Where(c => !c.IsTemplate).OrderBy(c => c.Hostname, StringComparer.Ordinal).ThenBy(c => c.Vmid).ToList();
    }

    /// <summary>Reads one CT's config and status; null when it no longer exists. Remembers it.</summary>
    public async Task<ManagedContainer?> InspectAsync(string member, int vmid, CancellationToken ct)
    {
        try
        {
            var config = await Api.GetContainerConfigAsync(member, vmid, ct).ConfigureAwait(false);
            var status = await Api.GetContainerStatusAsync(member, vmid, ct).ConfigureAwait(false);
            var description = Formats.NodeDescription.Parse(config.GetValueOrDefault("description"));
            var hostname = description?.Hostname ?? config.GetValueOrDefault("hostname") ?? "";
            var container = new ManagedContainer(member, vmid, hostname, status.Status, status.Lock ?? config.GetValueOrDefault("lock"), description,
                config.GetValueOrDefault("template") == "1");
            Remember(container);
            return container;
        }
        catch (ProxmoxApiException error) when (error.Mentions("does not exist"))
        {
            Forget(vmid);
            return null;
        }
    }

    public void Remember(ManagedContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.IsTemplate)
        {
            KnownTemplates[container.Vmid] = container;
            Known.TryRemove(container.Vmid, out _);
        }
        else
        {
            Known[container.Vmid] = container;
        }
        if (container.Description?.Template is { } template) SeenTemplates[template] = true;
    }

    public void Forget(int vmid)
    {
        Known.TryRemove(vmid, out _);
        KnownTemplates.TryRemove(vmid, out _);
    }

    /// <summary>The active container of a hostname (never a stand-by): from what this session knows, else by listing the
    /// environment once.</summary>
    public async Task<ManagedContainer?> LocateAsync(string hostname, CancellationToken ct)
    {
        var known = Known.Values.Where(c => c.Hostname == hostname && !c.IsStandby).OrderBy(c => c.Vmid).FirstOrDefault();
        if (known is not null) return known;
        return (await FindContainersAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => c.Hostname == hostname && !c.IsStandby);
    }

    public Task WaitAsync(Upid upid, CancellationToken ct) => Tasks.WaitAsync(Api, upid, ct);

    /// <summary>Waits until no task holds the CT's config lock; false when the CT no longer exists.</summary>
    public async Task<bool> WaitUnlockedAsync(string member, int vmid, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + _options.LockWait;
        while (true)
        {
            ContainerStatus status;
            try
            {
                status = await Api.GetContainerStatusAsync(member, vmid, ct).ConfigureAwait(false);
            }
            catch (ProxmoxApiException error) when (error.Mentions("does not exist"))
            {
                return false;
            }
            if (status.Lock is null) return true;
            if (DateTimeOffset.UtcNow > deadline)
                throw new ProxmoxNodeException($"CT {vmid} on {member} is still locked ({status.Lock}) after {_options.LockWait.TotalSeconds:0} s; " +
                    "check its running task in the Proxmox web UI.");
            await Task.Delay(_options.TaskFirstPoll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (if running) and deletes with purge; tolerates a CT that is already stopped or gone.</summary>
    public async Task DestroyAsync(string member, int vmid, CancellationToken ct)
    {
        if (!await WaitUnlockedAsync(member, vmid, ct).ConfigureAwait(false))
        {
            Forget(vmid);
            return;
        }
        var status = await Api.GetContainerStatusAsync(member, vmid, ct).ConfigureAwait(false);
        if (status.Running)
        {
            try { await WaitAsync(await Api.StopContainerAsync(member, vmid, ct).ConfigureAwait(false), ct).ConfigureAwait(false); }
            catch (ProxmoxApiException error) when (error.Mentions("not running")) { }
        }
        try { await WaitAsync(await Api.DeleteContainerAsync(member, vmid, ct).ConfigureAwait(false), ct).ConfigureAwait(false); }
        catch (ProxmoxApiException error) when (error.Mentions("does not exist")) { }
        Forget(vmid);
        Log($"destroyed CT {vmid} on {member}");
    }

    public MemberShell ShellFor(string member) =>
        _shells.GetOrAdd(member, m => new Lazy<MemberShell>(() => OpenShell(m))).Value;

    private MemberShell OpenShell(string member)
    {
        var (knownHosts, key) = SshCredentials();
        var address = Settings.SshHosts.TryGetValue(member, out var mapped) ? mapped : member;
        var port = 22;
        var colon = address.LastIndexOf(':');
        if (colon > 0 && !address.EndsWith(']') && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            port = p;
            address = address[..colon];
        }
        return new MemberShell(member, address, port, Settings.SshUser, knownHosts, key);
    }

    private readonly object _sshGate = new();
    private (KnownHosts, IPrivateKeySource)? _ssh;

    /// <summary>known_hosts and the key (file or agent), loaded and checked once; a problem names the setting.</summary>
    public (KnownHosts KnownHosts, IPrivateKeySource Key) SshCredentials()
    {
        lock (_sshGate)
        {
            return _ssh ??= LoadSshCredentials();
        }
    }

    private (KnownHosts, IPrivateKeySource) LoadSshCredentials()
    {
        var reader = new SettingsReader(Environment);
        var knownHostsPath = Settings.SshKnownHosts ?? throw reader.Error("ssh_known_hosts", "is missing",
            "commands run over SSH on the cluster members and their host keys are checked against a known_hosts file; " +
            "build it with `ssh-keyscan -t ed25519 <member> > config/proxmox_known_hosts` and set ssh_known_hosts to that file");
        KnownHosts knownHosts;
        try
        {
            knownHosts = KnownHosts.Load(knownHostsPath);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw reader.Error("ssh_known_hosts", $"names '{knownHostsPath}', which cannot be used: {error.Message}", "fix the file or the path");
        }
        if (Settings.SshKey is { } keyPath)
        {
            if (!File.Exists(keyPath))
                throw reader.Error("ssh_key", $"names '{keyPath}', which does not exist", "give the path of the private key file (~ is the home directory)");
            try
            {
                var key = new PrivateKeyFile(keyPath);
                _ownedKey = key;
                return (knownHosts, key);
            }
            catch (Exception error) when (error is Renci.SshNet.Common.SshException or IOException or UnauthorizedAccessException or InvalidOperationException
                or ArgumentException or NotSupportedException)
            {
                throw reader.Error("ssh_key", $"names '{keyPath}', which is not a usable private key ({error.Message})",
                    "use an OpenSSH private key without passphrase, or leave ssh_key unset and load the key into ssh-agent");
            }
        }
        var agent = System.Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
        if (string.IsNullOrEmpty(agent))
            throw reader.Error("ssh_key", "is missing and no ssh-agent is running (SSH_AUTH_SOCK unset)", "set ssh_key to a private key file or start ssh-agent and ssh-add the key");
        try
        {
            return (knownHosts, SshAgentKeySource.Connect(agent));
        }
        catch (Exception error) when (error is IOException or InvalidDataException or System.Net.Sockets.SocketException)
        {
            throw reader.Error("ssh_key", $"is unset and the ssh-agent at '{agent}' cannot be used ({error.Message})", "ssh-add the key or set ssh_key to a private key file");
        }
    }

    private PrivateKeyFile? _ownedKey;

    public void Dispose()
    {
        foreach (var shell in _shells.Values.Where(s => s.IsValueCreated)) shell.Value.Dispose();
        _ownedKey?.Dispose();
        Transport.Dispose();
    }
}
