using CamBuild.Common;
using System.Net;

namespace CamBuild.PackageIndex.Client;

/// <summary>Splits <c>user:pass@</c> out of an index URL so the password never reaches messages or logs.</summary>
internal static class IndexUrl
{
    public static (Uri Url, NetworkCredential? Credential) SplitCredentials(Uri indexUrl)
    {
        ArgumentNullException.ThrowIfNull(indexUrl);
        if (!indexUrl.IsAbsoluteUri || indexUrl.Scheme is not ("http" or "https"))
            throw new InputException($"Index URL {Redact(indexUrl)} must be an absolute http or https URL, e.g. https://devpi.example/root/pypi/+simple/.");
        NetworkCredential? credential = null;
        if (indexUrl.UserInfo.Length > 0)
        {
            var colon = indexUrl.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? indexUrl.UserInfo : indexUrl.UserInfo[..colon];
            var password = colon < 0 ? "" : indexUrl.UserInfo[(colon + 1)..];
            credential = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }
        var builder = new UriBuilder(indexUrl) { UserName = "", Password = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
            builder.Path += "/";
        return (builder.Uri, credential);
    }

    /// <summary>The URL without user info, for messages.</summary>
    public static Uri Redact(Uri url) =>
        url.IsAbsoluteUri && url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "", Password = "" }.Uri : url;

    public static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
