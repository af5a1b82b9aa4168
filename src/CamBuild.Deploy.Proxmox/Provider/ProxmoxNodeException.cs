namespace CamBuild.Deploy.Proxmox.Provider;

/// <summary>A node operation failed; the message names environment, node, cluster member and VMID, and the cause.</summary>
internal sealed class ProxmoxNodeException(string message, Exception? inner = null) : Exception(message, inner);
