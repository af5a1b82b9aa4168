using CamBuild.Deploy.Model;
using CamBuild.Deploy.Planning;
using CamBuild.Deploy.Providers;

namespace CamBuild.Deploy.Deployment;

/// <summary>
/// Digest of what makes a node differ from the candidate, read back from the running node itself: the content of
/// the files specialisation manages, the enabled roles and the command lines of the running role services.
/// Two deploys of the same candidate and configuration give equal fingerprints; a dead service or an edited
/// managed file changes it.
/// </summary>
public sealed class NodeFingerprinter(INodeProvider provider, TimeSpan commandTimeout)
{
    public static readonly IReadOnlyList<string> ManagedFiles = ["/etc/cam/site.json", "/etc/cam/node.json", "/etc/hosts", "/etc/hostname"];

    private const string Script =
        "cd /; for f in \"$@\"; do if [ -f \"$f\" ]; then sha256sum \"$f\"; else echo \"missing $f\"; fi; done; " +
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
