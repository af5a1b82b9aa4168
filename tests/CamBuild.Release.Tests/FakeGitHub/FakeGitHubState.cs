namespace CamBuild.Release.Tests.FakeGitHub;

public sealed class FakeAsset
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class FakeRelease
{
    public required long Id { get; init; }
    public required string TagName { get; init; }
    public required string TargetCommitish { get; init; }
    public string? Name { get; init; }
    public string? Body { get; init; }
    public bool Draft { get; init; }
    public bool Prerelease { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<FakeAsset> Assets { get; } = [];
}

public sealed record FakeStatus(long Id, string Sha, string State, string? TargetUrl, string? Description, string Context, DateTimeOffset CreatedAt);

/// <summary>One repository's state in the fake: known commits, refs, releases with assets, commit statuses.</summary>
public sealed class FakeRepository(string owner, string name)
{
    public string Owner { get; } = owner;
    public string Name { get; } = name;
    public HashSet<string> Commits { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);
    public List<FakeRelease> Releases { get; } = [];
    public List<FakeStatus> Statuses { get; } = [];
}

/// <summary>All state of the fake, guarded by <see cref="Sync"/>; ids are shared across kinds like on GitHub (unique per kind is enough).</summary>
public sealed class FakeGitHubState
{
    private long _nextId = 1000;

    public object Sync { get; } = new();
    public Dictionary<string, FakeRepository> Repositories { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FakeRepository AddRepository(string owner, string name, params string[] commits)
    {
        lock (Sync)
        {
            var repository = new FakeRepository(owner, name);
            repository.Commits.UnionWith(commits);
            Repositories[$"{owner}/{name}"] = repository;
            return repository;
        }
    }

    public FakeRepository? Find(string owner, string name) => Repositories.GetValueOrDefault($"{owner}/{name}");

    public long NextId() => Interlocked.Increment(ref _nextId);
}
