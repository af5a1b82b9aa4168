using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CamBuild.Deploy.Proxmox.Tests.Ssh;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 standing in for a cluster member: its own host key, one authorised client
/// key, and a <c>pct</c> on PATH that records its arguments and runs <c>pct exec VMID -- cmd…</c> locally, or through
/// <c>execInto</c> (e.g. <c>lxc-attach … --</c> into a real container) when one is given.
/// </summary>
public sealed class OpenSshServer : IDisposable
{
    private readonly System.Diagnostics.Process _sshd;

    private OpenSshServer(string directory, int port, System.Diagnostics.Process sshd)
    {
        Directory = directory;
        Port = port;
        _sshd = sshd;
    }

    public string Directory { get; }
    public int Port { get; }
    public string ClientKey => Path.Combine(Directory, "client_ed25519");
    public string KnownHosts => Path.Combine(Directory, "known_hosts");
    public string HostPublicKey => File.ReadAllText(Path.Combine(Directory, "host_ed25519.pub")).Trim();
    public string PctLog => Path.Combine(Directory, "pct.log");

    public static OpenSshServer Start(string? execInto = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("cambuild-sshd-").FullName;
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", Path.Combine(dir, "host_ed25519"));
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cambuild-test", "-f", Path.Combine(dir, "client_ed25519"));
        var bin = System.IO.Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        WriteScript(Path.Combine(bin, "pct"), $$"""
            #!/bin/sh
            { echo '---'; for a in "$@"; do printf '%s' "$a" | base64 -w0; echo; done; } >> '{{dir}}/pct.log'
            if [ "$1" = exec ] && [ "$3" = -- ] && [ -n '{{execInto}}' ]; then shift 3; exec {{execInto}} "$@"; fi
            if [ "$1" = exec ] && [ "$3" = -- ]; then
              ct='{{dir}}/ct/'"$2"; shift 3
              mkdir -p "$ct"
              holder=$(flock -o "$ct/.lock" '{{bin}}/ct-namespace' "$ct") || { echo "pct: cannot set up CT namespace" >&2; exit 255; }
              exec nsenter -t "$holder" -m -u -- "$@"
            fi
            echo "pct: unsupported '$1'" >&2; exit 2
            """);
        // One mount and UTS namespace per CT, kept alive by a holder process: a private /etc (overlay), /run and
        // /var/log and its own hostname, so specialisation inside a "CT" never touches the host's files or name.
        WriteScript(Path.Combine(bin, "ct-namespace"), """
            #!/bin/sh
            ct=$1
            if [ -f "$ct/holder" ] && kill -0 "$(cat "$ct/holder")" 2>/dev/null; then cat "$ct/holder"; exit 0; fi
            mkdir -p "$ct/etc" "$ct/etc.work" "$ct/run" "$ct/log"
            rm -f "$ct/ready"
            unshare --mount --uts --propagation private /bin/sh -c 'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$0/etc,workdir=$0/etc.work" /etc && mount --bind "$0/run" /run && mount --bind "$0/log" /var/log && touch "$0/ready" && exec sleep 3600' "$ct" </dev/null >"$ct/holder.log" 2>&1 &
            echo $! > "$ct/holder"
            i=0
            while [ ! -f "$ct/ready" ]; do i=$((i+1)); [ $i -gt 200 ] && exit 1; sleep 0.05; done
            cat "$ct/holder"
            """);
        WriteScript(Path.Combine(bin, "dispatch"), $"#!/bin/sh\nexport PATH='{bin}':/usr/sbin:/usr/bin:/sbin:/bin\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        var clientPublic = File.ReadAllText(Path.Combine(dir, "client_ed25519.pub")).Trim();
        File.WriteAllText(Path.Combine(dir, "authorized_keys"), $"command=\"{bin}/dispatch\",no-pty,no-port-forwarding {clientPublic}\n");
        var port = FreePort();
        File.WriteAllText(Path.Combine(dir, "sshd_config"), $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {dir}/host_ed25519
            AuthorizedKeysFile {dir}/authorized_keys
            PidFile none
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            MaxStartups 50
            MaxSessions 50

            """);
        File.WriteAllText(Path.Combine(dir, "known_hosts"), $"[127.0.0.1]:{port} {File.ReadAllText(Path.Combine(dir, "host_ed25519.pub")).Trim()}\n");
        System.IO.Directory.CreateDirectory("/run/sshd");
        var sshd = System.Diagnostics.Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", Path.Combine(dir, "sshd_config")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        sshd.ErrorDataReceived += (_, _) => { };
        sshd.BeginErrorReadLine();
        var server = new OpenSshServer(dir, port, sshd);
        server.WaitListening();
        return server;
    }

    /// <summary>Each pct invocation as its argument list.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PctCalls()
    {
        if (!File.Exists(PctLog)) return [];
        var calls = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        foreach (var line in File.ReadAllLines(PctLog))
        {
            if (line == "---") calls.Add(current = []);
            else current!.Add(Encoding.UTF8.GetString(Convert.FromBase64String(line)));
        }
        return calls;
    }

    private void WaitListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_sshd.HasExited) throw new InvalidOperationException($"sshd exited with {_sshd.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException("sshd did not listen within 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    internal static void Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>Service processes started inside a CT namespace (pid files under its /run/cam).</summary>
    public IReadOnlyList<int> ServicePids(string vmid) =>
        System.IO.Directory.Exists(Path.Combine(Directory, "ct", vmid, "run", "cam"))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, "ct", vmid, "run", "cam"), "*.pid")
                .Select(f => int.TryParse(File.ReadAllText(f).Trim(), out var pid) ? pid : 0).Where(pid => pid > 0).ToList()
            : [];

    /// <summary>What stopping a CT does: its processes end and its /run is empty again; its files (/etc) stay for the next start.</summary>
    public void StopContainer(int vmid)
    {
        var ct = Path.Combine(Directory, "ct", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!System.IO.Directory.Exists(ct)) return;
        KillProcesses(ct);
        File.Delete(Path.Combine(ct, "holder"));
        var run = Path.Combine(ct, "run");
        if (System.IO.Directory.Exists(run)) System.IO.Directory.Delete(run, recursive: true);
    }

    /// <summary>What destroying a CT does to its processes and files: stops them and removes its namespace.</summary>
    public void ResetContainer(int vmid)
    {
        var ct = Path.Combine(Directory, "ct", vmid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!System.IO.Directory.Exists(ct)) return;
        KillProcesses(ct);
        try { System.IO.Directory.Delete(ct, recursive: true); }
        catch (IOException) { }
    }

    private void KillProcesses(string ct)
    {
        var holder = Path.Combine(ct, "holder");
        var pids = ServicePids(Path.GetFileName(ct)).ToList();
        if (File.Exists(holder) && int.TryParse(File.ReadAllText(holder).Trim(), out var h)) pids.Add(h);
        foreach (var pid in pids)
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(pid); p.Kill(); p.WaitForExit(2000); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }

    private void KillContainerProcesses()
    {
        var cts = Path.Combine(Directory, "ct");
        if (!System.IO.Directory.Exists(cts)) return;
        foreach (var ct in System.IO.Directory.GetDirectories(cts))
            if (int.TryParse(Path.GetFileName(ct), out var vmid)) ResetContainer(vmid);
    }

    public void Dispose()
    {
        KillContainerProcesses();
        if (!_sshd.HasExited) _sshd.Kill();
        _sshd.WaitForExit(5000);
        _sshd.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
