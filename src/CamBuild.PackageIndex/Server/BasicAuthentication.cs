using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>HTTP Basic (RFC 7617) check against one required credential, in constant time.</summary>
internal sealed class BasicAuthentication(NetworkCredential required)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{required.UserName}:{required.Password}");

    public const string Challenge = "Basic realm=\"cambuild-index\", charset=\"UTF-8\"";

    public bool IsAuthorized(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(authorizationHeader[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }

    /// <summary>The user name presented, for the request log (never the password).</summary>
    public static string? PresentedUser(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
