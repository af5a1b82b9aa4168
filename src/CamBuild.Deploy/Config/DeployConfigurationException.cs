using CamBuild.Common;
namespace CamBuild.Deploy.Config;

/// <summary>
/// Bad input to deployment (node configuration, role catalogue). The message is complete: file, position, fix.
/// The build maps it to exit code 2.
/// </summary>
public class DeployConfigurationException : InputException
{
    public const int ExitCode = 2;

    public DeployConfigurationException(string message) : base(message) { }

    public DeployConfigurationException(string message, Exception inner) : base(message, inner) { }
}
