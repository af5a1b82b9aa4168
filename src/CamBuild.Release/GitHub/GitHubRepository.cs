using CamBuild.Common;
namespace CamBuild.Release.GitHub;

/// <summary>
/// A repository on github.com or on GitHub Enterprise Server. <paramref name="BaseUrl"/> null or empty means github.com;
/// otherwise give the server (<c>https://ghe.example.com</c>) or its API root (<c>https://ghe.example.com/api/v3</c>).
/// </summary>
public sealed record GitHubRepository(string Owner, string Name, string? BaseUrl = null)
{
    public static readonly Uri DotComApi = new("https://api.github.com/");

    public string FullName => $"{Owner}/{Name}";

    /// <summary>
    /// The API root Octokit will really use. Octokit rewrites any host other than github.com to <c>/api/v3/</c> and drops
    /// any other path, so another path is refused here instead of being silently replaced.
    /// </summary>
    public Uri ApiBase()
    {
        if (string.IsNullOrWhiteSpace(Owner) || string.IsNullOrWhiteSpace(Name) || Owner.Contains('/') || Name.Contains('/'))
        {
            throw new InputException($"GitHub repository '{Owner}/{Name}' is invalid: give the owner and the repository name separately, e.g. owner 'ska-sa', name 'cam-releases'.");
        }

        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            return DotComApi;
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InputException("GitHub base URL is not an absolute http(s) URL; give e.g. https://ghe.example.com or https://ghe.example.com/api/v3.");
        }

        var shown = $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InputException($"GitHub base URL {shown} must not contain user information, a query or a fragment; pass the token as the secret parameter instead.");
        }

        if (uri.Host is "github.com" or "api.github.com")
        {
            return DotComApi;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.Length > 0 && path != "/api/v3")
        {
            throw new InputException(
                $"GitHub base URL {shown} has path '{uri.AbsolutePath}', but GitHub Enterprise Server serves its API at /api/v3 and Octokit always uses that path; " +
                $"give {uri.Scheme}://{uri.Authority} or {uri.Scheme}://{uri.Authority}/api/v3.");
        }

        return new Uri($"{uri.Scheme}://{uri.Authority}/api/v3/");
    }
}
