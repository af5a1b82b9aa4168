using CamBuild.Common;
using System.Text.Json.Nodes;
using CamBuild.Release.GitHub;
using CamBuild.Release.Tests.FakeGitHub;

namespace CamBuild.Release.Tests;

public sealed class GitHubPublisherTests : IAsyncLifetime
{
    private readonly GitHubTestHost _host = new();

    private FakeRepository Repo => _host.Repository;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Assert.DoesNotContain(_host.Log, line => line.Contains(GitHubTestHost.Token, StringComparison.Ordinal));
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task First_publication_creates_tag_release_assets_and_status_through_the_enterprise_prefixes()
    {
        var publisher = _host.Publisher();

        var result = await publisher.PublishAsync(_host.Request());

        Assert.Empty(_host.Server.Violations);
        Assert.Equal(new Uri($"{_host.Server.Root}/api/v3/"), publisher.ApiBase);
        Assert.Equal(
            [
                "GitHub ska-sa/cam-releases: created tag cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb at " + GitHubTestHost.Commit + ".",
                $"GitHub ska-sa/cam-releases: created release cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb ({result.ReleaseUrl}).",
                "GitHub ska-sa/cam-releases: asset manifest.json uploaded (18 bytes).",
                "GitHub ska-sa/cam-releases: asset requirements.txt uploaded (30 bytes).",
                "GitHub ska-sa/cam-releases: asset qualification.md uploaded (9 bytes).",
                "GitHub ska-sa/cam-releases: set status cambuild/promote=success on " + GitHubTestHost.Commit + ".",
            ],
            _host.Log);
        Assert.True(result.TagCreated);
        Assert.True(result.ReleaseCreated);
        Assert.True(result.StatusCreated);
        Assert.Equal(["manifest.json", "requirements.txt", "qualification.md"], result.AssetsUploaded);
        Assert.Equal(GitHubTestHost.Commit, Repo.Refs["refs/tags/cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb"]);
        var release = Assert.Single(Repo.Releases);
        Assert.Equal("## CAM release\ncandidate `aaaaaaaaaaaa`", release.Body);
        Assert.Equal("{\"candidate\":\"a\"}\n"u8.ToArray(), release.Assets.Single(a => a.Name == "manifest.json").Content);
        Assert.Equal("application/json", release.Assets.Single(a => a.Name == "manifest.json").ContentType);
        var status = Assert.Single(Repo.Statuses);
        Assert.Equal(("success", "cambuild/promote", "qualified and promoted to staging"), (status.State, status.Context, status.Description));
        Assert.Equal(result.ReleaseUrl, status.TargetUrl);

        var exchanges = _host.Server.Exchanges;
        Assert.All(exchanges, e => Assert.StartsWith(e.OperationId == "repos/upload-release-asset" ? "/api/uploads/repos/" : "/api/v3/repos/", e.Path));
        Assert.Equal(3, exchanges.Count(e => e.OperationId == "repos/upload-release-asset"));
        Assert.All(exchanges, e => Assert.Equal($"Token {GitHubTestHost.Token}", e.Authorization));
    }

    [Fact]
    public async Task Re_running_is_idempotent_and_goes_through_the_tag_already_exists_path()
    {
        await _host.Publisher().PublishAsync(_host.Request());

        var again = await _host.Publisher().PublishAsync(_host.Request());

        Assert.Empty(_host.Server.Violations);
        Assert.False(again.TagCreated);
        Assert.False(again.ReleaseCreated);
        Assert.False(again.StatusCreated);
        Assert.Empty(again.AssetsUploaded);
        Assert.Empty(again.AssetsReplaced);
        Assert.Equal(3, again.AssetsUnchanged.Count);
        Assert.Single(Repo.Releases);
        Assert.Equal(3, Repo.Releases[0].Assets.Count);
        Assert.Single(Repo.Statuses);
        Assert.Contains(_host.Server.Exchanges, e => e.OperationId == "git/create-ref" && e.Status == 422);
        Assert.Contains(_host.Server.Exchanges, e => e.OperationId == "git/get-ref" && e.Path.EndsWith("/git/refs/tags/cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb", StringComparison.Ordinal) && e.Status == 200);
    }

    [Fact]
    public async Task Changed_asset_is_deleted_and_uploaded_again()
    {
        var request = _host.Request();
        await _host.Publisher().PublishAsync(request);
        var oldId = Repo.Releases[0].Assets.Single(a => a.Name == "manifest.json").Id;
        File.WriteAllText(request.AssetFiles[0], "{\"candidate\":\"a\",\"rebuilt\":true}\n");

        var result = await _host.Publisher().PublishAsync(request);

        Assert.Empty(_host.Server.Violations);
        Assert.Equal(["manifest.json"], result.AssetsReplaced);
        var manifest = Assert.Single(Repo.Releases[0].Assets, a => a.Name == "manifest.json");
        Assert.NotEqual(oldId, manifest.Id);
        Assert.Equal(File.ReadAllBytes(request.AssetFiles[0]), manifest.Content);
        Assert.Contains(_host.Server.Exchanges, e => e.OperationId == "repos/delete-release-asset" && e.Status == 204);
    }

    [Fact]
    public async Task Release_created_concurrently_takes_the_422_already_exists_path()
    {
        var request = _host.Request();
        _host.Server.BeforeHandle = (op, repo) =>
        {
            if (op.OperationId == "repos/create-release" && repo.Releases.Count == 0)
            {
                repo.Releases.Add(new FakeRelease { Id = 7, TagName = request.ReleaseName, TargetCommitish = request.CommitSha, Name = "other run", CreatedAt = DateTimeOffset.UtcNow });
            }
        };

        var result = await _host.Publisher().PublishAsync(request);

        Assert.Empty(_host.Server.Violations);
        Assert.False(result.ReleaseCreated);
        Assert.Equal(7, result.ReleaseId);
        Assert.Contains(_host.Server.Exchanges, e => e.OperationId == "repos/create-release" && e.Status == 422);
        Assert.Equal(3, Repo.Releases.Single().Assets.Count);
    }

    [Fact]
    public async Task Tag_at_another_commit_is_a_clear_error()
    {
        Repo.Refs["refs/tags/cam-x"] = GitHubTestHost.OtherCommit;

        var e = await Assert.ThrowsAsync<GitHubPublicationException>(() => _host.Publisher().PublishAsync(_host.Request("cam-x")));

        Assert.Empty(_host.Server.Violations);
        Assert.Equal(
            $"GitHub tag cam-x in ska-sa/cam-releases already points at commit {GitHubTestHost.OtherCommit}, not at the configuration commit {GitHubTestHost.Commit}. " +
            "A release name must always mean the same commit: delete the tag on GitHub if it is wrong, or promote under another channel.", e.Message);
        Assert.Empty(Repo.Releases);
    }

    [Fact]
    public async Task Unknown_commit_reports_the_servers_reason()
    {
        var missing = new string('3', 40);

        var e = await Assert.ThrowsAsync<GitHubPublicationException>(() => _host.Publisher().PublishAsync(_host.Request(commit: missing)));

        Assert.Empty(_host.Server.Violations);
        Assert.Equal($"GitHub creating tag cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb at {missing} failed for ska-sa/cam-releases at {_host.Server.Root}/api/v3/: HTTP 422 Object does not exist.", e.Message);
    }

    [Fact]
    public async Task Wrong_token_fails_clearly_without_revealing_the_token()
    {
        const string wrong = "ghp_WRONG9876543210zyxwvuTOKEN";

        var e = await Assert.ThrowsAsync<GitHubPublicationException>(() => _host.Publisher(wrong).PublishAsync(_host.Request()));

        Assert.Empty(_host.Server.Violations);
        Assert.Equal(
            $"GitHub creating tag cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb failed for ska-sa/cam-releases at {_host.Server.Root}/api/v3/: " +
            "HTTP 401: the token was rejected (bad or expired credentials). Check the GitHub token secret parameter.", e.Message);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Log, line => line.Contains(wrong, StringComparison.Ordinal));
        Assert.Equal(401, Assert.Single(_host.Server.Exchanges).Status);
        Assert.Equal($"Token {wrong}", _host.Server.Exchanges[0].Authorization);
    }

    [Fact]
    public async Task Response_that_breaks_the_official_schema_is_caught_by_the_fake()
    {
        _host.Server.RewriteResponse = (operation, body) =>
        {
            if (operation == "git/create-ref" && body is JsonObject o)
            {
                o.Remove("node_id");
                o["object"]!.AsObject()["sha"] = "short";
            }

            return body;
        };

        await _host.Publisher().PublishAsync(_host.Request());

        Assert.Equal(
            ["git/create-ref response 201: required: Required properties [\"node_id\"] are not present", "git/create-ref response 201.object.sha: minLength: Value should be at least 40 characters"],
            _host.Server.Violations);
    }

    [Fact]
    public void Token_never_shows_in_its_text()
    {
        var token = new GitHubToken(GitHubTestHost.Token);
        Assert.Equal("***", token.ToString());
        Assert.Equal("auth *** end", token.Redact($"auth {GitHubTestHost.Token} end"));
        Assert.Throws<InputException>(() => new GitHubToken("token abc"));
    }
}
