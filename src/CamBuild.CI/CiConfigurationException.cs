using CamBuild.Common;
namespace CamBuild.CI;

/// <summary>A CI description that cannot be turned into CI files; the message names the item and the fix.</summary>
public sealed class CiConfigurationException : InputException
{
    public CiConfigurationException(string message) : base(message)
    {
    }

    public CiConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CiConfigurationException()
    {
    }
}
