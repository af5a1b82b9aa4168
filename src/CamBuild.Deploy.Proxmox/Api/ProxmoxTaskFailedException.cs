namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>A Proxmox task ended with an error exit status; carries the last lines of its log.</summary>
internal sealed class ProxmoxTaskFailedException(Upid upid, string exitStatus, IReadOnlyList<string> lastLogLines)
    : Exception($"Proxmox task {upid.Type} for '{upid.Id}' on {upid.Node} failed: {exitStatus}. Last log lines:\n  " +
        string.Join("\n  ", lastLogLines))
{
    public Upid Upid { get; } = upid;
    public string ExitStatus { get; } = exitStatus;
    public IReadOnlyList<string> LastLogLines { get; } = lastLogLines;
}
