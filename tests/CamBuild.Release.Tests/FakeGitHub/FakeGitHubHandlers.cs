using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CamBuild.Release.Tests.FakeGitHub;

public sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, byte[] Body, string? ContentType, JsonElement? Json);

public sealed record FakeResponse(int Status, JsonNode? Body, string? Location = null);

/// <summary>GitHub's behaviour for the operations Promote uses, on in-memory state. The caller holds <see cref="FakeGitHubState.Sync"/>.</summary>
public sealed class FakeGitHubHandlers(FakeGitHubState state, FakeGitHubJson json)
{
    public static readonly IReadOnlySet<string> Implemented = new HashSet<string>(StringComparer.Ordinal)
    {
        "git/create-ref", "git/get-ref", "repos/create-release", "repos/get-release-by-tag", "repos/list-release-assets",
        "repos/upload-release-asset", "repos/delete-release-asset", "repos/create-commit-status", "repos/list-commit-statuses-for-ref",
    };

    public FakeResponse Handle(MatchedOperation op, FakeRequest request, FakeRepository repo) => op.OperationId switch
    {
        "git/create-ref" => CreateRef(request, repo),
        "git/get-ref" => GetRef(op.PathValues["ref"], repo),
        "repos/create-release" => CreateRelease(request, repo),
        "repos/get-release-by-tag" => ReleaseByTag(op.PathValues["tag"], repo),
        "repos/list-release-assets" => ListAssets(Id(op, "release_id"), repo),
        "repos/upload-release-asset" => Upload(Id(op, "release_id"), request, repo),
        "repos/delete-release-asset" => DeleteAsset(Id(op, "asset_id"), repo),
        "repos/create-commit-status" => CreateStatus(op.PathValues["sha"], request, repo),
        "repos/list-commit-statuses-for-ref" => ListStatuses(op.PathValues["ref"], repo),
        _ => throw new InvalidOperationException($"operation {op.OperationId} is not implemented by the fake"),
    };

    public static FakeResponse NotFound() => new(404, FakeGitHubJson.BasicError("Not Found", 404));

    private FakeResponse CreateRef(FakeRequest request, FakeRepository repo)
    {
        var name = Text(request, "ref")!;
        var sha = Text(request, "sha")!;
        if (!name.StartsWith("refs/", StringComparison.Ordinal) || name.Count(c => c == '/') < 2)
        {
            return new(422, FakeGitHubJson.ValidationError("Reference name is invalid"));
        }

        if (!repo.Commits.Contains(sha))
        {
            return new(422, FakeGitHubJson.ValidationError("Object does not exist"));
        }

        if (!repo.Refs.TryAdd(name, sha))
        {
            return new(422, FakeGitHubJson.ValidationError("Reference already exists"));
        }

        return new(201, json.Ref(repo, name, sha), $"{json.Api}/repos/{repo.Owner}/{repo.Name}/git/{name}");
    }

    private FakeResponse GetRef(string shortName, FakeRepository repo)
    {
        var name = "refs/" + shortName;
        return repo.Refs.TryGetValue(name, out var sha) ? new(200, json.Ref(repo, name, sha)) : NotFound();
    }

    private FakeResponse CreateRelease(FakeRequest request, FakeRepository repo)
    {
        var tag = Text(request, "tag_name")!;
        if (repo.Releases.Any(r => r.TagName == tag))
        {
            return new(422, FakeGitHubJson.ValidationError("Validation Failed", "Release", "tag_name", "already_exists"));
        }

        var target = Text(request, "target_commitish") ?? repo.Commits.First();
        if (!repo.Refs.ContainsKey($"refs/tags/{tag}"))
        {
            if (!repo.Commits.Contains(target))
            {
                return new(422, FakeGitHubJson.ValidationError("Validation Failed", "Release", "target_commitish", "invalid"));
            }

            repo.Refs[$"refs/tags/{tag}"] = target;
        }

        var release = new FakeRelease
        {
            Id = state.NextId(), TagName = tag, TargetCommitish = target, Name = Text(request, "name"), Body = Text(request, "body"),
            Draft = Flag(request, "draft"), Prerelease = Flag(request, "prerelease"), CreatedAt = DateTimeOffset.UtcNow,
        };
        repo.Releases.Add(release);
        return new(201, json.Release(repo, release), $"{json.Api}/repos/{repo.Owner}/{repo.Name}/releases/{release.Id}");
    }

    private FakeResponse ReleaseByTag(string tag, FakeRepository repo)
    {
        var release = repo.Releases.FirstOrDefault(r => r.TagName == tag && !r.Draft);
        return release is null ? NotFound() : new(200, json.Release(repo, release));
    }

    private FakeResponse ListAssets(long releaseId, FakeRepository repo)
    {
        var release = repo.Releases.FirstOrDefault(r => r.Id == releaseId);
        return release is null ? NotFound() : new(200, new JsonArray(release.Assets.Select(a => (JsonNode)json.Asset(repo, release, a)).ToArray()));
    }

    private FakeResponse Upload(long releaseId, FakeRequest request, FakeRepository repo)
    {
        var release = repo.Releases.FirstOrDefault(r => r.Id == releaseId);
        if (release is null)
        {
            return NotFound();
        }

        var name = request.Query["name"];
        if (release.Assets.Any(a => a.Name == name))
        {
            return new(422, FakeGitHubJson.ValidationError("Validation Failed", "ReleaseAsset", "name", "already_exists"));
        }

        var asset = new FakeAsset { Id = state.NextId(), Name = name, ContentType = request.ContentType!, Content = request.Body, CreatedAt = DateTimeOffset.UtcNow };
        release.Assets.Add(asset);
        return new(201, json.Asset(repo, release, asset));
    }

    private static FakeResponse DeleteAsset(long assetId, FakeRepository repo)
    {
        foreach (var release in repo.Releases)
        {
            if (release.Assets.RemoveAll(a => a.Id == assetId) > 0)
            {
                return new(204, null);
            }
        }

        return NotFound();
    }

    private FakeResponse CreateStatus(string sha, FakeRequest request, FakeRepository repo)
    {
        if (!repo.Commits.Contains(sha))
        {
            return new(422, FakeGitHubJson.ValidationError($"No commit found for SHA: {sha}"));
        }

        var status = new FakeStatus(state.NextId(), sha, Text(request, "state")!, Text(request, "target_url"), Text(request, "description"),
            Text(request, "context") ?? "default", DateTimeOffset.UtcNow);
        repo.Statuses.Add(status);
        return new(201, json.Status(repo, status), $"{json.Api}/repos/{repo.Owner}/{repo.Name}/statuses/{sha}");
    }

    private FakeResponse ListStatuses(string reference, FakeRepository repo)
    {
        var sha = repo.Refs.GetValueOrDefault("refs/" + reference) ?? reference;
        var newestFirst = repo.Statuses.Where(s => s.Sha == sha).OrderByDescending(s => s.Id);
        return new(200, new JsonArray(newestFirst.Select(s => (JsonNode)json.Status(repo, s)).ToArray()));
    }

    private static long Id(MatchedOperation op, string name) => long.Parse(op.PathValues[name], CultureInfo.InvariantCulture);

    private static string? Text(FakeRequest request, string name) =>
        request.Json is { } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(FakeRequest request, string name) =>
        request.Json is { } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
