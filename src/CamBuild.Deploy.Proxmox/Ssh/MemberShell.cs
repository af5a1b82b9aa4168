using System.Globalization;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Formats;
using Renci.SshNet;

namespace CamBuild.Deploy.Proxmox.Ssh;

/// <summary>
/// SSH connection to one cluster member (SSH.NET) that runs <c>pct exec &lt;vmid&gt; -- args</c>. The host key must
/// be in the known_hosts file; authentication by a private key file or an ssh-agent.
/// </summary>
internal sealed class MemberShell : IDisposable
{
    private readonly SshClient _client;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private string? _hostKeyProblem;

    public MemberShell(string member, string host, int port, string user, KnownHosts knownHosts, IPrivateKeySource key)
    {
        ArgumentNullException.ThrowIfNull(knownHosts);
        Member = member;
        Endpoint = $"{user}@{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        var connection = new ConnectionInfo(host, port, user, new PrivateKeyAuthenticationMethod(user, key)) { Timeout = TimeSpan.FromSeconds(15) };
        _client = new SshClient(connection);
        _client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = knownHosts.Trusts(host, port, e.HostKeyName, e.HostKey);
            if (!e.CanTrust)
                _hostKeyProblem = $"host key {e.HostKeyName} SHA256:{e.FingerPrintSHA256} of cluster member '{member}' ({host}:{port}) " +
                    $"is not in {knownHosts.Source}; verify it on the member and add it (ssh-keyscan), never accept it blindly";
        };
    }

    public string Member { get; }
    public string Endpoint { get; }

    public async Task<CommandResult> PctExecAsync(int vmid, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0) throw new ArgumentException("the command to run in the container is empty", nameof(command));
        var line = "pct exec " + vmid.ToString(CultureInfo.InvariantCulture) + " -- " + ShellQuoting.Join(command);
        return await RunAsync(line, timeout, ct).ConfigureAwait(false);
    }

    public async Task<CommandResult> RunAsync(string commandLine, TimeSpan timeout, CancellationToken ct)
    {
        await EnsureConnectedAsync(ct).ConfigureAwait(false);
        using var command = _client.CreateCommand(commandLine);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await command.ExecuteAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"'{commandLine}' on {Member} ({Endpoint}) did not finish within {timeout.TotalSeconds:0.#} s");
        }
        return new CommandResult(command.ExitStatus ?? -1, command.Result, command.Error);
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_client.IsConnected) return;
        await _connectGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected) return;
            try
            {
                await _client.ConnectAsync(ct).ConfigureAwait(false);
            }
            catch (Exception error) when (_hostKeyProblem is not null && error is not OperationCanceledException)
            {
                throw new InvalidOperationException(_hostKeyProblem, error);
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _connectGate.Dispose();
    }
}
