using CamBuild.Common;

namespace CamBuild.Deploy.Proxmox;

/// <summary>
/// A provider setting of an environment is missing, malformed or does not match the cluster (unknown member or
/// storage, missing SSH key); the message names the setting and the fix. Bad input: exit code 2.
/// </summary>
public sealed class ProxmoxConfigurationException(string message) : InputException(message);
