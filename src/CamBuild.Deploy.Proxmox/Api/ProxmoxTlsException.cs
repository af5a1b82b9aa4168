namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>The API server's certificate was refused (pin mismatch or untrusted); never retried.</summary>
internal sealed class ProxmoxTlsException(string message, Exception inner) : Exception(message, inner);
