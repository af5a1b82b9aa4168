using CamBuild.Release.GitHub;
using CamBuild.Release.Tests.FakeGitHub;

namespace CamBuild.Release.Tests;

/// <summary>A fake GitHub Enterprise Server with one repository, a publisher pointed at it, and captured logs.</summary>
public sealed class GitHubTestHost : IAsyncDisposable
{
    public const string Token = "ghp_SECRET0123456789abcdefTOKEN";
    public const string Owner = "ska-sa";
    public const string Repo = "cam-releases";
    public static readonly string Commit = new('1', 40);
    public static readonly string OtherCommit = new('2', 40);

    private static readonly Lazy<RestDescription> Description = new(() => new RestDescription(RestDescription.Locate()));

    public GitHubTestHost()
    {
        Server = new FakeGitHubServer(Description.Value, Token);
        Repository = Server.State.AddRepository(Owner, Repo, Commit, OtherCommit);
        Assets = new TempDirectory();
    }

    public FakeGitHubServer Server { get; }
    public FakeRepository Repository { get; }
    public TempDirectory Assets { get; }
    public List<string> Log { get; } = [];

    public static RestDescription Rest => Description.Value;

    public GitHubPublisher Publisher(string token = Token) =>
        new(new GitHubRepository(Owner, Repo, Server.Root), new GitHubToken(token), line => { lock (Log) { Log.Add(line); } }, TimeSpan.FromSeconds(30));

    public GitHubPublicationRequest Request(string name = "cam-staging-20250314-aaaaaaaaaaaa-bbbbbbbbbbbb", string? commit = null)
    {
        var files = new[] { ("manifest.json", "{\"candidate\":\"a\"}\n"), ("requirements.txt", "katcp==0.9.3 --hash=sha256:00\n"), ("qualification.md", "# passed\n") }
            .Select(f =>
            {
                var path = Assets.Combine(f.Item1);
                if (!File.Exists(path))
                {
                    File.WriteAllText(path, f.Item2);
                }

                return path;
            })
            .ToList();
        return new GitHubPublicationRequest(name, commit ?? Commit, "## CAM release\ncandidate `aaaaaaaaaaaa`", files, "qualified and promoted to staging");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Assets.Dispose();
    }
}
