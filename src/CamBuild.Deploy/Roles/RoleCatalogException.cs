namespace CamBuild.Deploy.Roles;

/// <summary>The role catalogue cannot be read; the message names the file and the fix.</summary>
internal sealed class RoleCatalogException : Config.DeployConfigurationException
{
    public RoleCatalogException(string message) : base(message) { }

    public RoleCatalogException(string message, Exception inner) : base(message, inner) { }
}
