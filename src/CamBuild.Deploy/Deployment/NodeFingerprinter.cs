using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Digest of what makes a node differ from the candidate, read back from the running node itself: the content of
/// the files specialisation manages, the role units (content, enabled or not, active or not) and every unit the
/// node's systemd has enabled. Two deploys of the same candidate and configuration give equal fingerprints, and so
/// does a reboot of the node; a failed service, a disabled or edited unit or an edited managed file changes it.
/// </summary>
internal sealed class NodeFingerprinter(INodeProvider provider, TimeSpan commandTimeout)
{
    public static readonly IReadOnlyList<string> ManagedFiles = ["/etc/cam/site.json", "/etc/cam/node.json", "/etc/hosts", "/etc/hostname"];

    private const string Script =
        "cd /; for f in \"$@\"; do if [ -f \"$f\" ]; then sha256sum \"$f\"; else echo \"missing $f\"; fi; done; " +
        "for f in " + RoleUnits.Directory + "/cam-*.service; do [ -f \"$f\" ] || continue; u=${f##*/}; " +
        "printf 'unit %s %s %s %s\\n' \"$u\" \"$(sha256sum < \"$f\" | cut -d' ' -f1)\" " +
        "\"$(systemctl is-enabled \"$u\" 2>/dev/null)\" \"$(systemctl is-active \"$u\" 2>/dev/null)\"; done; " +
        "if [ -d /run/systemd/system ]; then systemctl list-unit-files --state=enabled --no-legend --plain 2>/dev/null | cut -d' ' -f1 | sed 's/^/enabled /'; fi; " +
        // Nodes without their own systemd (the detached fallback): the command lines of the running role services.
        "for p in /run/cam/*.pid; do [ -f \"$p\" ] || continue; r=${p##*/}; r=${r%.pid}; pid=$(cat \"$p\"); " +
        "if [ -r \"/proc/$pid/cmdline\" ]; then printf 'service %s %s\\n' \"$r\" \"$(tr '\\000' ' ' < /proc/$pid/cmdline)\"; " +
        "else printf 'service %s stopped\\n' \"$r\"; fi; done";

    public async Task<string> FingerprintAsync(EnvironmentSpec environment, NodeSpec node, string candidateId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var result = await provider.ExecAsync(environment, node, ["/bin/sh", "-c", Script, "sh", .. ManagedFiles],
            commandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new NodeStepException(node.Hostname, "fingerprint", $"exit code {result.ExitCode}",
                NodeSpecialiser.Lines(result.StandardError));
        }
        var observed = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        return DeployDigests.Sha256($"candidate {candidateId}\nroles {string.Join(',', node.Roles)}\n{string.Join('\n', observed)}\n");
    }
}
