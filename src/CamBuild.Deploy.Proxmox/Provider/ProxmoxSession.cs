using System.Collections.Concurrent;
using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Ssh;
using Renci.SshNet;

namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>Everything the provider keeps per environment: API client, throttle, VMID allocator, SSH connections.</summary>
public sealed class ProxmoxSession : IDisposable
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

    public void Log(string message) => _options.Log?.Invoke(message);

    public async Task<IReadOnlyList<ManagedContainer>> FindContainersAsync(CancellationToken ct) =>
        ManagedContainer.Select(await Api.GetClusterResourcesAsync("vm", ct).ConfigureAwait(false), EnvironmentTag);

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
        if (!await WaitUnlockedAsync(member, vmid, ct).ConfigureAwait(false)) return;
        var status = await Api.GetContainerStatusAsync(member, vmid, ct).ConfigureAwait(false);
        if (status.Running)
        {
            try { await WaitAsync(await Api.StopContainerAsync(member, vmid, ct).ConfigureAwait(false), ct).ConfigureAwait(false); }
            catch (ProxmoxApiException error) when (error.Mentions("not running")) { }
        }
        try { await WaitAsync(await Api.DeleteContainerAsync(member, vmid, ct).ConfigureAwait(false), ct).ConfigureAwait(false); }
        catch (ProxmoxApiException error) when (error.Mentions("does not exist")) { }
        Log($"destroyed CT {vmid} on {member}");
    }

    public MemberShell ShellFor(string member) =>
        _shells.GetOrAdd(member, m => new Lazy<MemberShell>(() => OpenShell(m))).Value;

    private MemberShell OpenShell(string member)
    {
        var settingsError = (string key, string problem) => new ProxmoxConfigurationException(
            $"environment '{Environment.Name}': provider setting '{key}' {problem} (config/environments/{Environment.Name}.yaml).");
        var knownHostsPath = Settings.SshKnownHosts ?? throw settingsError("ssh_known_hosts",
            "is missing; commands run over SSH on the cluster members and their host keys must be verified against a known_hosts file");
        var knownHosts = KnownHosts.Load(knownHostsPath);
        var address = Settings.SshHosts.TryGetValue(member, out var mapped) ? mapped : member;
        var port = 22;
        var colon = address.LastIndexOf(':');
        if (colon > 0 && !address.EndsWith(']') && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            port = p;
            address = address[..colon];
        }
        IPrivateKeySource key;
        if (Settings.SshKey is { } keyPath)
        {
            if (!File.Exists(keyPath)) throw settingsError("ssh_key", $"names '{keyPath}', which does not exist");
            key = new PrivateKeyFile(keyPath);
        }
        else
        {
            var agent = System.Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
            if (string.IsNullOrEmpty(agent))
                throw settingsError("ssh_key", "is missing and no ssh-agent is running (SSH_AUTH_SOCK unset); set ssh_key to a private key file or start ssh-agent");
            key = SshAgentKeySource.Connect(agent);
        }
        return new MemberShell(member, address, port, Settings.SshUser, knownHosts, key);
    }

    public void Dispose()
    {
        foreach (var shell in _shells.Values.Where(s => s.IsValueCreated)) shell.Value.Dispose();
        Transport.Dispose();
    }
}
