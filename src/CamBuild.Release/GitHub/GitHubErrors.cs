using System.Net;
using Octokit;

namespace CamBuild.Release.GitHub;

/// <summary>Turns Octokit and transport failures into <see cref="GitHubPublicationException"/>s whose text never holds the token.</summary>
internal sealed class GitHubErrors(GitHubRepository repository, Uri apiBase, GitHubToken token)
{
    public async Task<T> Run<T>(string step, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw Wrap(step, e);
        }
    }

    public Task Run(string step, Func<Task> call) => Run(step, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    public GitHubPublicationException Wrap(string step, Exception e)
    {
        var where = $"GitHub {step} failed for {repository.FullName} at {apiBase}";
        var why = e switch
        {
            AuthorizationException => "HTTP 401: the token was rejected (bad or expired credentials). Check the GitHub token secret parameter.",
            ForbiddenException f => $"HTTP 403 {f.Message}: the token lacks permission; it needs contents:write and statuses:write (classic scope 'repo').",
            NotFoundException => "HTTP 404: the repository or object was not found, or the token cannot see it. Check owner, repository, base URL and token permissions.",
            ApiValidationException v => $"HTTP 422 {v.Message}{Details(v)}.",
            ApiException a => $"HTTP {(int)a.StatusCode} {a.StatusCode}: {a.Message}.",
            TaskCanceledException => "the request timed out.",
            _ => $"{e.Message}.",
        };
        return new GitHubPublicationException(token.Redact($"{where}: {why}"));
    }

    public static bool IsAlreadyExists(ApiValidationException e) =>
        e.ApiError?.Errors?.Any(x => x.Code == "already_exists") == true
        || (e.ApiError?.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) ?? false);

    public static bool IsNotFound(ApiException e) => e.StatusCode == HttpStatusCode.NotFound;

    private static string Details(ApiValidationException e)
    {
        var errors = e.ApiError?.Errors;
        return errors is null || errors.Count == 0
            ? ""
            : " (" + string.Join("; ", errors.Select(x => $"{x.Resource}.{x.Field}: {x.Code}{(x.Message is null ? "" : " " + x.Message)}")) + ")";
    }
}
