using Octokit;

namespace CamBuild.Release.GitHub;

/// <summary>
/// Publishes a release to GitHub (or GitHub Enterprise Server) through Octokit: tag, release, assets, commit status.
/// Every step first looks at what exists, so re-running a publication converges without duplicates.
/// </summary>
public sealed class GitHubPublisher
{
    private readonly GitHubRepository _repository;
    private readonly GitHubClient _client;
    private readonly GitHubErrors _errors;
    private readonly Action<string> _log;

    public GitHubPublisher(GitHubRepository repository, GitHubToken token, Action<string>? log = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(token);
        _repository = repository;
        ApiBase = repository.ApiBase();
        _client = new GitHubClient(new ProductHeaderValue("CamBuild"), ApiBase) { Credentials = new Credentials(token.Value) };
        _client.SetRequestTimeout(requestTimeout ?? TimeSpan.FromMinutes(10));
        _errors = new GitHubErrors(repository, ApiBase, token);
        _log = message => log?.Invoke(token.Redact(message));
    }

    /// <summary>The API root in use, e.g. <c>https://api.github.com/</c> or <c>https://ghe.example.com/api/v3/</c>.</summary>
    public Uri ApiBase { get; }

    public async Task<GitHubPublicationResult> PublishAsync(GitHubPublicationRequest request, CancellationToken cancellationToken = default)
    {
        GitHubPublicationInput.Validate(request);
        var (owner, name) = (_repository.Owner, _repository.Name);

        var tagCreated = await EnsureTag(request.ReleaseName, request.CommitSha).ConfigureAwait(false);
        var (release, releaseCreated) = await EnsureRelease(request).ConfigureAwait(false);
        var assets = await new GitHubAssetSync(_client, _errors, _log, owner, name)
            .SyncAsync(release, request.AssetFiles, cancellationToken).ConfigureAwait(false);
        var statusCreated = await EnsureStatus(request, release.HtmlUrl).ConfigureAwait(false);

        return new GitHubPublicationResult(request.ReleaseName, tagCreated, release.Id, release.HtmlUrl, releaseCreated,
            assets.Uploaded, assets.Replaced, assets.Unchanged, statusCreated);
    }

    private async Task<bool> EnsureTag(string tag, string sha)
    {
        var (owner, name) = (_repository.Owner, _repository.Name);
        try
        {
            await _client.Git.Reference.Create(owner, name, new NewReference($"refs/tags/{tag}", sha)).ConfigureAwait(false);
            _log($"GitHub {_repository.FullName}: created tag {tag} at {sha}.");
            return true;
        }
        catch (ApiValidationException created)
        {
            Reference existing;
            try
            {
                existing = await _client.Git.Reference.Get(owner, name, $"tags/{tag}").ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                throw _errors.Wrap($"creating tag {tag} at {sha}", created);
            }
            catch (ApiException e)
            {
                throw _errors.Wrap($"reading tag {tag}", e);
            }

            if (existing.Object.Sha != sha)
            {
                throw new GitHubPublicationException(
                    $"GitHub tag {tag} in {_repository.FullName} already points at {existing.Object.Type} {existing.Object.Sha}, not at the configuration commit {sha}. " +
                    "A release name must always mean the same commit: delete the tag on GitHub if it is wrong, or promote under another channel.");
            }

            _log($"GitHub {_repository.FullName}: tag {tag} already at {sha}.");
            return false;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw _errors.Wrap($"creating tag {tag}", e);
        }
    }

    private async Task<(Octokit.Release Release, bool Created)> EnsureRelease(GitHubPublicationRequest request)
    {
        var (owner, name, tag) = (_repository.Owner, _repository.Name, request.ReleaseName);
        var existing = await FindRelease(tag).ConfigureAwait(false);
        if (existing is not null)
        {
            _log($"GitHub {_repository.FullName}: release {tag} exists ({existing.HtmlUrl}).");
            return (existing, false);
        }

        var wanted = new NewRelease(tag)
        {
            Name = tag,
            Body = request.Body,
            TargetCommitish = request.CommitSha,
            Draft = false,
            Prerelease = request.Prerelease,
        };
        try
        {
            var created = await _client.Repository.Release.Create(owner, name, wanted).ConfigureAwait(false);
            _log($"GitHub {_repository.FullName}: created release {tag} ({created.HtmlUrl}).");
            return (created, true);
        }
        catch (ApiValidationException e) when (GitHubErrors.IsAlreadyExists(e))
        {
            // Created concurrently by another run between our lookup and our create.
            var raced = await FindRelease(tag).ConfigureAwait(false) ?? throw _errors.Wrap($"creating release {tag}", e);
            _log($"GitHub {_repository.FullName}: release {tag} already existed ({raced.HtmlUrl}).");
            return (raced, false);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw _errors.Wrap($"creating release {tag}", e);
        }
    }

    private Task<Octokit.Release?> FindRelease(string tag) => _errors.Run($"reading release {tag}", async () =>
    {
        try
        {
            return await _client.Repository.Release.Get(_repository.Owner, _repository.Name, tag).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    });

    private async Task<bool> EnsureStatus(GitHubPublicationRequest request, string targetUrl)
    {
        var (owner, name, sha) = (_repository.Owner, _repository.Name, request.CommitSha);
        var description = request.StatusDescription.Length <= 140 ? request.StatusDescription : request.StatusDescription[..139] + "…";
        var statuses = await _errors.Run($"reading commit statuses of {sha}", () => _client.Repository.Status.GetAll(owner, name, sha)).ConfigureAwait(false);
        var latest = statuses.Where(s => string.Equals(s.Context, request.StatusContext, StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Id);
        if (latest is not null && latest.State == CommitState.Success && latest.Description == description && latest.TargetUrl == targetUrl)
        {
            _log($"GitHub {_repository.FullName}: status {request.StatusContext} already success on {sha}.");
            return false;
        }

        var status = new NewCommitStatus { State = CommitState.Success, Context = request.StatusContext, Description = description, TargetUrl = targetUrl };
        await _errors.Run($"setting commit status {request.StatusContext} on {sha}", () => _client.Repository.Status.Create(owner, name, sha, status)).ConfigureAwait(false);
        _log($"GitHub {_repository.FullName}: set status {request.StatusContext}=success on {sha}.");
        return true;
    }
}
