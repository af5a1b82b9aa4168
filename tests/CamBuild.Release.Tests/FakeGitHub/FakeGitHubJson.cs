using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CamBuild.Release.Tests.FakeGitHub;

/// <summary>Builds the response objects of the fake in the official shapes (release, release-asset, git-ref, status, errors).</summary>
public sealed class FakeGitHubJson(string root)
{
    public string Api => $"{root}/api/v3";
    public string Uploads => $"{root}/api/uploads";

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject User() => new()
    {
        ["login"] = "cambuild-bot", ["id"] = 41, ["node_id"] = "MDQ6VXNlcjQx", ["avatar_url"] = $"{root}/avatars/u/41",
        ["gravatar_id"] = "", ["url"] = $"{Api}/users/cambuild-bot", ["html_url"] = $"{root}/cambuild-bot",
        ["followers_url"] = $"{Api}/users/cambuild-bot/followers", ["following_url"] = $"{Api}/users/cambuild-bot/following{{/other_user}}",
        ["gists_url"] = $"{Api}/users/cambuild-bot/gists{{/gist_id}}", ["starred_url"] = $"{Api}/users/cambuild-bot/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"{Api}/users/cambuild-bot/subscriptions", ["organizations_url"] = $"{Api}/users/cambuild-bot/orgs",
        ["repos_url"] = $"{Api}/users/cambuild-bot/repos", ["events_url"] = $"{Api}/users/cambuild-bot/events{{/privacy}}",
        ["received_events_url"] = $"{Api}/users/cambuild-bot/received_events", ["type"] = "User", ["site_admin"] = false,
    };

    public JsonObject Ref(FakeRepository repo, string name, string sha) => new()
    {
        ["ref"] = name, ["node_id"] = NodeId("REF", name), ["url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/git/{name}",
        ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/git/commits/{sha}" },
    };

    public JsonObject Release(FakeRepository repo, FakeRelease r)
    {
        var self = $"{Api}/repos/{repo.Owner}/{repo.Name}/releases/{r.Id}";
        return new JsonObject
        {
            ["url"] = self, ["html_url"] = $"{root}/{repo.Owner}/{repo.Name}/releases/tag/{r.TagName}", ["assets_url"] = $"{self}/assets",
            ["upload_url"] = $"{Uploads}/repos/{repo.Owner}/{repo.Name}/releases/{r.Id}/assets{{?name,label}}",
            ["tarball_url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/tarball/{r.TagName}", ["zipball_url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/zipball/{r.TagName}",
            ["id"] = r.Id, ["node_id"] = NodeId("RE", r.Id.ToString(CultureInfo.InvariantCulture)), ["tag_name"] = r.TagName,
            ["target_commitish"] = r.TargetCommitish, ["name"] = r.Name, ["body"] = r.Body, ["draft"] = r.Draft, ["prerelease"] = r.Prerelease,
            ["immutable"] = false, ["created_at"] = Time(r.CreatedAt), ["published_at"] = r.Draft ? null : Time(r.CreatedAt),
            ["updated_at"] = Time(r.CreatedAt), ["author"] = User(), ["assets"] = new JsonArray(r.Assets.Select(a => (JsonNode)Asset(repo, r, a)).ToArray()),
        };
    }

    public JsonObject Asset(FakeRepository repo, FakeRelease r, FakeAsset a) => new()
    {
        ["url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/releases/assets/{a.Id}",
        ["browser_download_url"] = $"{root}/{repo.Owner}/{repo.Name}/releases/download/{r.TagName}/{Uri.EscapeDataString(a.Name)}",
        ["id"] = a.Id, ["node_id"] = NodeId("RA", a.Id.ToString(CultureInfo.InvariantCulture)), ["name"] = a.Name, ["label"] = null,
        ["state"] = "uploaded", ["content_type"] = a.ContentType, ["size"] = a.Content.Length,
        ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(a.Content)), ["download_count"] = 0,
        ["created_at"] = Time(a.CreatedAt), ["updated_at"] = Time(a.CreatedAt), ["uploader"] = User(),
    };

    public JsonObject Status(FakeRepository repo, FakeStatus s) => new()
    {
        ["url"] = $"{Api}/repos/{repo.Owner}/{repo.Name}/statuses/{s.Sha}", ["avatar_url"] = $"{root}/avatars/u/41", ["id"] = s.Id,
        ["node_id"] = NodeId("SC", s.Id.ToString(CultureInfo.InvariantCulture)), ["state"] = s.State, ["description"] = s.Description,
        ["target_url"] = s.TargetUrl, ["context"] = s.Context, ["created_at"] = Time(s.CreatedAt), ["updated_at"] = Time(s.CreatedAt), ["creator"] = User(),
    };

    public static JsonObject BasicError(string message, int status) => new()
    {
        ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest", ["status"] = status.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject ValidationError(string message, string? resource = null, string? field = null, string? code = null)
    {
        var error = BasicError(message, 422);
        if (code is not null)
        {
            error["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field });
        }

        return error;
    }

    private static string NodeId(string kind, string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{kind}_{key}"));
}
