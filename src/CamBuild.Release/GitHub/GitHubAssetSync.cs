using Octokit;

namespace CamBuild.Release.GitHub;

/// <summary>
/// Makes a release's assets match the given files by name: an asset with the same name and size is kept, one that differs
/// is deleted and uploaded again, a missing one is uploaded. Uploads run one at a time (parallel uploads time out in Octokit).
/// </summary>
internal sealed class GitHubAssetSync(GitHubClient client, GitHubErrors errors, Action<string> log, string owner, string name)
{
    public sealed record Outcome(IReadOnlyList<string> Uploaded, IReadOnlyList<string> Replaced, IReadOnlyList<string> Unchanged);

    public async Task<Outcome> SyncAsync(Octokit.Release release, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var uploaded = new List<string>();
        var replaced = new List<string>();
        var unchanged = new List<string>();
        var existing = await ListAssets(release).ConfigureAwait(false);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var assetName = Path.GetFileName(file);
            var size = new FileInfo(file).Length;
            var current = existing.FirstOrDefault(a => a.Name == assetName);
            if (current is not null && current.Size == size && current.State == "uploaded")
            {
                log($"GitHub {owner}/{name}: asset {assetName} unchanged ({size} bytes).");
                unchanged.Add(assetName);
                continue;
            }

            if (current is not null)
            {
                await Delete(current).ConfigureAwait(false);
                replaced.Add(assetName);
            }
            else
            {
                uploaded.Add(assetName);
            }

            await Upload(release, file, assetName, cancellationToken).ConfigureAwait(false);
            log($"GitHub {owner}/{name}: asset {assetName} {(current is null ? "uploaded" : "replaced")} ({size} bytes).");
        }

        return new Outcome(uploaded, replaced, unchanged);
    }

    private Task<IReadOnlyList<ReleaseAsset>> ListAssets(Octokit.Release release) =>
        errors.Run($"listing assets of release {release.TagName}", () => client.Repository.Release.GetAllAssets(owner, name, release.Id));

    private Task Delete(ReleaseAsset asset) =>
        errors.Run($"deleting asset {asset.Name}", () => client.Repository.Release.DeleteAsset(owner, name, asset.Id));

    private async Task Upload(Octokit.Release release, string file, string assetName, CancellationToken cancellationToken)
    {
        try
        {
            await UploadOnce(release, file, assetName, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiValidationException)
        {
            // 422: an asset of that name appeared since we listed (another run); replace it once.
            var again = (await ListAssets(release).ConfigureAwait(false)).FirstOrDefault(a => a.Name == assetName);
            if (again is not null)
            {
                await Delete(again).ConfigureAwait(false);
            }

            await errors.Run($"uploading asset {assetName}", () => UploadOnce(release, file, assetName, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            throw errors.Wrap($"uploading asset {assetName}", e);
        }
    }

    private async Task UploadOnce(Octokit.Release release, string file, string assetName, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var upload = new ReleaseAssetUpload(assetName, AssetContentTypes.For(assetName), stream, timeout: null);
        await client.Repository.Release.UploadAsset(release, upload, cancellationToken).ConfigureAwait(false);
    }
}
