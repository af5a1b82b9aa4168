using CamBuild.Common;
namespace CamBuild.Deploy.Proxmox;

/// <summary>A provider setting of an environment is missing or malformed; the message names the setting and the fix.</summary>
public sealed class ProxmoxConfigurationException(string message) : InputException(message);
